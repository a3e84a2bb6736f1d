#include "clientcontext.h"

namespace javumbo::gui {

ClientContext::ClientContext(QObject *parent) : QObject(parent) { }

void ClientContext::setClient(std::shared_ptr<CollectionClient> client)
{
    m_client = std::move(client);
    Q_EMIT clientChanged();
}

} // namespace javumbo::gui
