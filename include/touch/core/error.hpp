// How a command ends and how it fails: the exit statuses of touch(1), an
// expected failure as a value (Error, Expected), and the one error that stops
// a command (Fatal). Expected problems are values: a caller reports them,
// works around them or, when they end the command, turns them into Fatal,
// which main() catches once and prints as "touch: message".
#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace touch {

// Exit statuses of touch(1): never outside 0-4 (a closed pipe aside).
enum ExitStatus : int {
    exit_ok = 0,
    exit_nothing_due = 1,
    exit_usage = 2,
    exit_invalid_data = 3,
    exit_system = 4,
};

// A failure the caller may expect (a file it cannot read, a program it
// cannot start): the status it would end the command with, and the message.
struct Error {
    int status = exit_system;
    std::string message;
};

// An error that ends the command: printed once as "touch: message".
struct Fatal : std::runtime_error {
    Fatal(int status_, const std::string& message)
        : std::runtime_error(message)
        , status(status_) {}
    explicit Fatal(const Error& error)
        : Fatal(error.status, error.message) {}
    int status;
};

// A value, or the Error why there is none: the part of C++23's
// std::expected that touch needs, until its compilers have that.
template <typename T> class [[nodiscard]] Expected {
public:
    Expected() = default;
    template <typename U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Error> &&
             !std::is_same_v<std::remove_cvref_t<U>, Expected> && std::is_constructible_v<T, U&&>)
        Expected(U&& value)
        : state_(std::in_place_index<0>, std::forward<U>(value)) {}
    Expected(Error error)
        : state_(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return state_.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(state_); }

    // The value, or the error thrown as Fatal: for a caller to whom this
    // failure ends the command.
    T or_fatal() && {
        if (!has_value()) throw Fatal(error());
        return std::get<0>(std::move(state_));
    }
    const T& or_fatal() const& {
        if (!has_value()) throw Fatal(error());
        return value();
    }

private:
    std::variant<T, Error> state_;
};

} // namespace touch
