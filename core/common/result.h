#pragma once

#include "errorcode.h"

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace javumbo {

// An error value: a stable code plus a message for humans.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

// Either a value or an Error. Errors are values in Javumbo: no exception
// crosses a module boundary (docs/architecture.md §4).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<Error>(m_state); }
    ErrorCode code() const { return error().code; }

private:
    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    ErrorCode code() const { return m_error->code; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error {code, std::move(message)};
}

} // namespace javumbo
