#include "errormessages.h"

using namespace Qt::StringLiterals;

namespace javumbo::gui {

QString errorMessage(const Error &error)
{
    switch (error.code) {
    case ErrorCode::StaleCard:
        return u"This card was changed elsewhere since you opened it."_s;
    case ErrorCode::NothingToUndo:
        return u"That answer can no longer be undone: the collection keeps the last 10 answers and those of "
               "the last 24 hours."_s;
    case ErrorCode::UserBusy:
        return u"Your collection is busy (the server is working on it). Try again in a moment."_s;
    case ErrorCode::DeckExists:
        return u"A deck with that name already exists."_s;
    case ErrorCode::BadCredentials:
        return u"Wrong password."_s;
    case ErrorCode::DefaultDeckProtected:
        return u"The Default deck cannot be deleted."_s;
    case ErrorCode::StorageUnavailable:
        return u"The data directory cannot be used: %1"_s.arg(error.message);
    default:
        break;
    }
    QString message = error.message;
    if (!message.isEmpty())
        message[0] = message.at(0).toUpper();
    return message;
}

} // namespace javumbo::gui
