// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Status and StatusOr<T>: how textwash reports errors without exceptions.
//
//   textwash::StatusOr<std::shared_ptr<const textwash::Cleaner>> cleaner =
//       textwash::Cleaner::Create(options);
//   if (!cleaner.ok()) {
//     std::cerr << cleaner.status().message() << "\n";  // "rules.toml:3:7: ..."
//     return 2;
//   }
//   textwash::Result result = (*cleaner)->Clean(text);
//
// The shape follows absl::Status, kept small so that users need no Abseil.
#ifndef TEXTWASH_STATUS_H_
#define TEXTWASH_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "textwash/export.h"

namespace textwash {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument = 3,  // a bad option or rule
  kNotFound = 5,         // a rule file or pack that does not exist
  kInternal = 13,        // a bug in textwash; please report it
};

// Returns "OK", "INVALID_ARGUMENT", ... for `code`.
TEXTWASH_EXPORT std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // Constructs an OK status.
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Returns the human-readable message, for example
  // `my.toml:12:7: unknown category "adz" (expected ad, contact, ...)`.
  const std::string& message() const { return message_; }
  // Returns "INVALID_ARGUMENT: my.toml:12:7: ..." ("OK" when ok()).
  TEXTWASH_EXPORT std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgumentError(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status NotFoundError(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status InternalError(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Holds either a value or a non-OK Status. Accessing the value of a
// non-OK StatusOr is a programming error (checked by assert).
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // Constructs from an error. `status` must not be OK.
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit
    assert(!status_.ok());
    if (status_.ok()) status_ = InternalError("StatusOr built from OK status");
  }
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace textwash

#endif  // TEXTWASH_STATUS_H_
