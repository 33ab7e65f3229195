// Errors are values (STYLE.md 5): a fallible call returns Result<T>, holding either the value or
// an Error with a code, a message a clinician or IT desk can act on, and the native code
// (CK_RV, LONG from PC/SC, CURLcode, HTTP status) for logs and support.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Lanyard {

struct Error
{
    int code = 0;        // the module's own error enum, as int
    QString message;     // for the person at the workstation: what happened, what to do
    qint64 nativeCode = 0;

    template<typename Enum>
    static Error make(Enum code, QString message, qint64 nativeCode = 0)
    {
        return Error{static_cast<int>(code), std::move(message), nativeCode};
    }
    template<typename Enum>
    bool is(Enum value) const
    {
        return code == static_cast<int>(value);
    }
};

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace Lanyard
