#include "clientcontext.h"

namespace javumbo::gui {

ClientContext::ClientContext(QObject *parent) : QObject(parent) { }

void ClientContext::setClient(std::shared_ptr<CollectionClient> client)
{
    if (m_client)
        Q_EMIT clientAboutToChange();
    m_client = std::move(client);
    Q_EMIT clientChanged();
}

} // namespace javumbo::gui
