# tests/alloc/alloc_test.cc: Clean() allocates per document, not per line.
# Its own binary, as it replaces the global operator new to count.
add_executable(textwash_alloc_test ${CMAKE_CURRENT_SOURCE_DIR}/alloc/alloc_test.cc)
target_link_libraries(textwash_alloc_test PRIVATE textwash::textwash GTest::gtest GTest::gtest_main)
gtest_discover_tests(textwash_alloc_test DISCOVERY_TIMEOUT 120)
