# The allocator the binary `touch` links (TOUCH_ALLOCATOR), included once
# the target exists. A large clients file is tens of thousands of small
# allocations (toml++'s tree, the clients' strings), and glibc's malloc is
# not the quickest at them. mimalloc (Debian's libmimalloc-dev), the default
# when it is installed, takes some 9 % of the instructions and an eighth of
# the page faults off `due --all` with 5,000 clients (README, Speed); it is
# linked as a shared library, in front of the C library. jemalloc, linked
# statically, does about as well, but it reads the clock while it starts,
# before libfaketime has, and the two deadlock, so `faketime ... touch` (how
# the suite is run on other dates) would hang: only when asked for. Neither
# with the sanitizers, which bring their own allocator.
set(TOUCH_ALLOCATOR mimalloc CACHE STRING "The allocator: mimalloc, jemalloc or glibc")
set_property(CACHE TOUCH_ALLOCATOR PROPERTY STRINGS mimalloc jemalloc glibc)
set(allocator glibc)
if(TOUCH_SANITIZE)
  set(why "sanitizers on")
elseif(TOUCH_ALLOCATOR STREQUAL "mimalloc")
  find_library(MIMALLOC_SHARED NAMES libmimalloc.so)
  if(MIMALLOC_SHARED)
    set(allocator mimalloc)
    # As needed or not, the executable names it before the C library.
    target_link_libraries(touch PRIVATE -Wl,--push-state,--no-as-needed ${MIMALLOC_SHARED}
                          -Wl,--pop-state)
  else()
    set(why "no libmimalloc.so: apt-get install libmimalloc-dev")
  endif()
elseif(TOUCH_ALLOCATOR STREQUAL "jemalloc")
  find_library(JEMALLOC_STATIC NAMES libjemalloc.a)
  if(JEMALLOC_STATIC)
    set(allocator jemalloc)
    target_link_libraries(touch PRIVATE ${JEMALLOC_STATIC} Threads::Threads ${CMAKE_DL_LIBS} m)
  else()
    set(why "no libjemalloc.a: apt-get install libjemalloc-dev")
  endif()
elseif(NOT TOUCH_ALLOCATOR STREQUAL "glibc")
  message(FATAL_ERROR "TOUCH_ALLOCATOR is mimalloc, jemalloc or glibc, not '${TOUCH_ALLOCATOR}'")
endif()
if(why)
  message(STATUS "Allocator: ${allocator} (${why})")
else()
  message(STATUS "Allocator: ${allocator}")
endif()
