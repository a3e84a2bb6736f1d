#pragma once

#include <optional>

namespace javumbo::scheduling {

// The four answer buttons; the values are Anki's revlog `ease` column.
enum class Ease
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4
};

// 1..4 map to a button; anything else is `invalid_ease` for the caller.
std::optional<Ease> easeFromInt(int value);

} // namespace javumbo::scheduling
