package io.kubejudge.runner.language;

/**
 * Support code linked into every C and C++ program, for two things the limits alone get wrong.
 *
 * <p>Threads: the main thread's stack may grow as large as the memory limit (deep recursion is
 * ordinary in contest code), so RLIMIT_STACK is that large; glibc also sizes every new thread's
 * stack from RLIMIT_STACK, and two such stacks exhaust the address-space limit (a program starting
 * {@code std::thread}s died with SIGABRT). A constructor sets the default thread stack to 8 MiB,
 * glibc's own default when the limit is unlimited; a program that asks for a size still gets it.
 * Malloc arenas per thread reserve 64 MiB of address space each, so the run environment
 * limits them too ({@code MALLOC_ARENA_MAX}).
 *
 * <p>Refused allocations: a {@code malloc} that returns NULL because of the address-space limit
 * usually ends in a crash far from the cause. The wrappers ({@code -Wl,--wrap}) say so on
 * standard error, and the judge then reports MemoryLimitExceeded, as DMOJ does. The wrappers see
 * only the program's own calls, not libstdc++'s: for C++ (g++ compiles this {@code .c} file as
 * C++) a new-handler says it for {@code operator new}, whose {@code std::nothrow} forms libstdc++
 * (GCC 9 and later) implements with the throwing one. So a null from {@code new (std::nothrow)}
 * that is then dereferenced, or a {@code bad_alloc} caught and turned into an exit code, is
 * MemoryLimitExceeded too.
 */
final class NativeSupport {

    /** What a refused allocation prints on standard error (an out-of-memory marker). */
    static final String ALLOCATION_REFUSED = "kubejudge: memory allocation refused by the memory limit";

    static final String SOURCE = """
            /* Linked into every C and C++ program by KubeJudge: see NativeSupport.java in the runner. */
            #ifndef _GNU_SOURCE
            #define _GNU_SOURCE 1
            #endif
            #include <pthread.h>
            #include <stddef.h>
            #include <unistd.h>
            #ifdef __cplusplus
            extern "C" {
            #endif
            void *__real_malloc(size_t);
            void *__real_calloc(size_t, size_t);
            void *__real_realloc(void *, size_t);

            static void kj_refused(void) {
                static const char m[] = "\\n%s\\n";
                (void) !write(2, m, sizeof m - 1);
            }
            void *__wrap_malloc(size_t n) {
                void *p = __real_malloc(n);
                if (p == NULL && n != 0) kj_refused();
                return p;
            }
            void *__wrap_calloc(size_t n, size_t size) {
                void *p = __real_calloc(n, size);
                if (p == NULL && n != 0 && size != 0) kj_refused();
                return p;
            }
            void *__wrap_realloc(void *old, size_t n) {
                void *p = __real_realloc(old, n);
                if (p == NULL && n != 0) kj_refused();
                return p;
            }

            __attribute__((constructor)) static void kj_thread_stack(void) {
                pthread_attr_t a;
                if (pthread_getattr_default_np(&a) == 0) {
                    pthread_attr_setstacksize(&a, 8u << 20);
                    pthread_setattr_default_np(&a);
                    pthread_attr_destroy(&a);
                }
            }
            #ifdef __cplusplus
            }
            #include <new>
            static void kj_new_refused() {
                kj_refused();
                throw std::bad_alloc();
            }
            __attribute__((constructor)) static void kj_new_handler(void) {
                std::set_new_handler(kj_new_refused);
            }
            #endif
            """.formatted(ALLOCATION_REFUSED);

    /** The linker flags that route the program's own allocation calls through the wrappers. */
    static final String WRAP_FLAGS = "-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc";

    private NativeSupport() {
    }
}
