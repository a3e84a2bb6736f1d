#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace javumbo::scheduling {

// One options group of `col.dconf` (docs/scheduling.md §2), with Anki's defaults.
// Steps are minutes; multipliers and steps are float because Anki computes
// in float and the engine must land on the same days.
struct DeckConfig
{
    QList<float> learnSteps {1.0f, 10.0f};
    int graduatingInterval = 1;
    int easyInterval = 4;
    int initialFactor = 2500;
    int newPerDay = 20;
    int reviewsPerDay = 200;
    float easyBonus = 1.3f;
    float intervalModifier = 1.0f;
    float hardFactor = 1.2f;
    int maximumInterval = 36500;
    QList<float> relearnSteps {10.0f};
    float lapseMultiplier = 0.0f;
    int minimumInterval = 1;
    int leechThreshold = 8;
    int leechAction = 1; // 0 suspend, 1 tag only
    int maxAnswerSeconds = 60;

    bool operator==(const DeckConfig &) const = default;

    // Reads one dconf entry. Missing keys keep their defaults; a key of the
    // wrong type or a value the engine cannot compute with is BadRequest.
    static Result<DeckConfig> fromDconfJson(const QJsonObject &json);
    // The complete §9 dconf object, as a fresh collection stores it. The id is
    // 64-bit: option groups other than the default one get ms-timestamp ids.
    QJsonObject toDconfJson(qint64 id, const QString &name) const;
};

} // namespace javumbo::scheduling
