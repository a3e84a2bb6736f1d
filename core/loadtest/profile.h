#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace javumbo::loadtest {

// An inclusive range a seeded generator draws from.
struct IntRange
{
    int min = 0;
    int max = 0;
};

// Everything a load test does, as data: the built-in default is the plan's
// (30 users, 20 % writers ramping 1 → 2 → 3 → 6, 80 % reviewers ramping by 5,
// a 100-card "Verbal Tenses" deck per reviewer), and a JSON profile overrides
// any part of it. One seed fixes users, payloads, schedules and think times.
struct LoadProfile
{
    enum class Model
    {
        Closed, // virtual users with think time
        Open // a target operation rate; late operations are dropped, latency counts from the intended start
    };

    QString name = QStringLiteral("default");
    quint64 seed = 1;
    int users = 30;
    double durationS = 300; // upper bound; the run ends earlier when every virtual user is done
    double registrationWindowS = 5;
    Model model = Model::Closed;
    double openRate = 20; // operations per second over all virtual users (open model)
    int dropAfterMs = 1000; // open model: an operation this late is dropped
    int clientTimeoutMs = 30000; // a login hashes a password: under a burst it may legitimately take seconds
    int identityCheckEvery = 5; // GET /me after every N operations of a virtual user

    struct Writers
    {
        double share = 0.2;
        QList<int> ramp {1, 2, 3, 6}; // active writers per stage
        double stageS = 30;
        IntRange cards {10, 50};
        IntRange thinkMs {500, 2000};
    } writers;

    struct Reviewers
    {
        int start = 5;
        int step = 5;
        double stepS = 30;
        IntRange reviews {20, 50};
        IntRange thinkMs {1000, 3000};
        int deckCards = 100; // cards of the sample deck each reviewer gets (at most its size)
    } reviewers;

    struct Sessions
    {
        int workers = 2; // each cycles login → add cards → logout across users
        int cycles = 5;
        IntRange cardsPerCycle {1, 3};
        IntRange thinkMs {200, 800};
    } sessions;

    struct HotUser
    {
        int clients = 4; // devices of one student, writing at once; 0 disables
        int cardsPerClient = 15;
        int answersPerClient = 10; // concurrent answers of the same due cards, with expected_reps
    } hotUser;

    struct Retries
    {
        int workers = 1; // 0 disables
        int cards = 10;
        int maxAttempts = 3;
    } retries;

    int writerCount() const;
    int reviewerCount() const;

    QJsonObject toJson() const;
    // Overrides the defaults with what `object` sets; unknown keys and wrong types are errors.
    static Result<LoadProfile> fromJson(const QJsonObject &object);
    static Result<LoadProfile> fromFile(const QString &path);
    // A short run for the checker's self-test and CI: every scenario, a few seconds.
    static LoadProfile quick();
};

} // namespace javumbo::loadtest
