#pragma once

#include <QList>
#include <QString>

#include <utility>
#include <variant>

namespace fvpn {

// What went wrong, in a form both code (the hub maps it to an HTTP status) and
// people (the message is shown as is) can use.
enum class ErrorCode
{
    InvalidInput, // malformed key, address, name, file line, request body
    NotFound,
    Conflict, // duplicate key or address, state that forbids the change
    PreconditionFailed, // someone else changed it meanwhile (ETag mismatch)
    Exhausted, // no free address left, rate or size limit reached
    Unavailable, // keychain, hub, API or tool not reachable right now
    PermissionDenied,
    IoError,
    Internal,
};

QString errorCodeName(ErrorCode code);

// One problem at one line of a text file; line numbers start at 1.
struct LineError
{
    int line = 0;
    QString message;

    QString toString() const;
    friend bool operator==(const LineError &, const LineError &) = default;
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QList<LineError> lineErrors; // set by parsers of files; message then summarises them

    QString toString() const;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error { code, std::move(message), {} };
}

// A value or an Error, like std::expected (C++23) without the exception machinery.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_data(std::in_place_index<0>, value)
    { }
    Result(T &&value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    T valueOr(T fallback) const & { return ok() ? value() : std::move(fallback); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace fvpn
