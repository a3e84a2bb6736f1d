#pragma once

#include <QString>

namespace javumbo::server {

// An instance's name (serve --instance-id): what an answer's X-Javumbo-Instance header, the
// metrics' instance_id label and /admin/locks carry, so that the load tester and an admin can
// tell which of several instances behind a load balancer served a request. 1 to 64 of
// [A-Za-z0-9._-]: safe in a header and a Prometheus label without escaping.
bool isValidInstanceId(const QString &id);

} // namespace javumbo::server
