// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// TEXTWASH_EXPORT marks the public symbols of a shared build; the library is
// compiled with hidden visibility so nothing else leaks.
#ifndef TEXTWASH_EXPORT_H_
#define TEXTWASH_EXPORT_H_

#if defined(TEXTWASH_SHARED_LIBRARY) && (defined(__GNUC__) || defined(__clang__))
#define TEXTWASH_EXPORT __attribute__((visibility("default")))
#else
#define TEXTWASH_EXPORT
#endif

#endif  // TEXTWASH_EXPORT_H_
