#pragma once

#include <QByteArray>
#include <QString>

namespace javumbo {

// Outside the class only because a nested struct's member initializers
// cannot feed a default argument of the enclosing class (CWG 1397).
struct PasswordHasherOptions
{
    int iterations = 210000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256
    // Only tests may go below the floor: they hash hundreds of passwords.
    bool allowWeakForTests = false;
};

// PBKDF2-HMAC-SHA256 password hashes in a self-describing format,
// `pbkdf2-sha256$<iterations>$<salt base64>$<key base64>`, so the iteration
// count can be raised later without invalidating stored hashes.
// Immutable after construction, hence safe to share between threads.
class PasswordHasher
{
public:
    using Options = PasswordHasherOptions;

    static constexpr int kProductionIterations = 210000;
    static constexpr int kMinimumIterations = 100000;
    static constexpr int kSaltBytes = 16;
    static constexpr int kKeyBytes = 32;

    PasswordHasher(); // production settings
    // An iteration count below kMinimumIterations is raised to it unless
    // allowWeakForTests is set.
    explicit PasswordHasher(Options options);

    int iterations() const { return m_iterations; }

    // A new random salt every call, so equal passwords never share a hash.
    QString hash(const QString &password) const;
    // Uses the iteration count and salt stored in `storedHash`; false for a
    // malformed hash.
    bool verify(const QString &password, const QString &storedHash) const;
    // Costs what verify() costs for a hash made by this hasher, and never
    // succeeds: run it for unknown usernames so timing does not tell them apart.
    void dummyVerify(const QString &password) const;

    // Compares every byte whatever the first difference, so the time taken
    // does not reveal how much of a guess was right.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    int m_iterations;
    QString m_dummyHash;
};

} // namespace javumbo
