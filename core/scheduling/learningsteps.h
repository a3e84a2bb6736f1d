#pragma once

#include <QList>

#include <optional>
#include <span>

namespace javumbo::scheduling {

// One step list (learning `new.delays` or relearning `lapse.delays`) read the
// way Anki reads it (docs/scheduling.md §4.2). `left` is the card's column as
// stored; only `left mod 1000` counts. A view: the list must outlive it.
class LearningSteps
{
public:
    explicit LearningSteps(const QList<float> &minutes);

    bool isEmpty() const;
    int count() const;
    // The step a card with this `left` is on; out-of-range values are pulled in.
    int indexFor(int left) const;
    // `left` as a plain count of the steps still to pass, in [1, count()].
    int normalizedLeft(int left) const;

    // The delay of the step the card is on; 0 without steps.
    qint64 currentDelay(int left) const;
    qint64 againDelay() const;
    qint64 hardDelay(int left) const;
    // Without a next step the card graduates: nullopt.
    std::optional<qint64> goodDelay(int left) const;
    int leftAfterGood(int left) const;

    // secs(m) = trunc(m × 60.0f): a 0.5 minute step is 30 s.
    static qint64 stepSeconds(float minutes);

private:
    qint64 secondsAt(int index) const;

    std::span<const float> m_minutes;
};

} // namespace javumbo::scheduling
