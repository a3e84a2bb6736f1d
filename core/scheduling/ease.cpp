#include "ease.h"

namespace javumbo::scheduling {

std::optional<Ease> easeFromInt(int value)
{
    if (value < int(Ease::Again) || value > int(Ease::Easy))
        return std::nullopt;
    return static_cast<Ease>(value);
}

} // namespace javumbo::scheduling
