// Linked into every program of a TOUCH_SANITIZE build. A sanitizer report
// ends the program with status 86, which no touch command uses, so a test
// that expects a status of 1 (or any other) cannot mistake a report for it;
// the tests run in a scrubbed environment, so the options are built in.
extern "C" const char* __asan_default_options() {
    return "exitcode=86:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1";
}

extern "C" const char* __ubsan_default_options() {
    return "exitcode=86:print_stacktrace=1:halt_on_error=1";
}

// The first race ends the program: a run that goes on after one proves
// nothing more, and its later reports are often the same race seen again.
extern "C" const char* __tsan_default_options() {
    return "exitcode=86:halt_on_error=1:second_deadlock_stack=1";
}
