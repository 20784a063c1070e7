# The review page in a browser. This file is included by tests/CMakeLists.txt.
#
#   textwash.review.browser   tests/browser/review_page_test.py: opens pages
#                             written by `textwash review` in headless
#                             Chromium (through the DevTools protocol) and
#                             checks the marked edits against --report, the
#                             filters, the search box, the keys, that
#                             hostile documents run nothing, the
#                             --only-rules view, and writes a screenshot
#                             (review-browser/review.png)
#
# Without Chromium the test is skipped, except when the environment sets CI:
# there it fails (scripts/setup.sh installs the Debian package chromium).
# tests/review_test.cc covers the HTML writer and the command itself.

if(NOT TARGET textwash_tool)
  return()
endif()
if(NOT Python3_EXECUTABLE)
  find_package(Python3 COMPONENTS Interpreter QUIET)
endif()
if(NOT Python3_EXECUTABLE)
  message(STATUS "textwash: no python3, so no browser test of the review page")
  return()
endif()

add_test(NAME textwash.review.browser
  COMMAND ${Python3_EXECUTABLE} -B
          ${PROJECT_SOURCE_DIR}/tests/browser/review_page_test.py
          --textwash $<TARGET_FILE:textwash_tool>
          --work ${CMAKE_CURRENT_BINARY_DIR}/review-browser)
set_tests_properties(textwash.review.browser PROPERTIES
  LABELS browser
  SKIP_RETURN_CODE 77
  TIMEOUT 300)
