// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The umbrella header: everything a textwash user needs.
#ifndef TEXTWASH_TEXTWASH_H_
#define TEXTWASH_TEXTWASH_H_

#include "textwash/cleaner.h"  // IWYU pragma: export
#include "textwash/options.h"  // IWYU pragma: export
#include "textwash/status.h"   // IWYU pragma: export

#define TEXTWASH_VERSION_MAJOR 0
#define TEXTWASH_VERSION_MINOR 1
#define TEXTWASH_VERSION_PATCH 0
#define TEXTWASH_VERSION_STRING "0.1.0"

#endif  // TEXTWASH_TEXTWASH_H_
