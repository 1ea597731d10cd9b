/* Checks the launcher's seccomp filter against a plain C statement of the
 * policy, by running the BPF program in a small interpreter for every syscall
 * number 0..1023 with many argument values, in both modes. Built by the
 * driver with -DKJ_LAUNCHER_SRC; exit 0 when every answer matches. */
#define main launcher_main
#include KJ_LAUNCHER_SRC
#undef main

static uint32_t run_bpf(const struct seccomp_data *d)
{
    uint32_t A = 0;
    for (unsigned pc = 0; pc < nfilt; pc++) {
        const struct sock_filter *f = &filt[pc];
        switch (f->code) {
        case BPF_LD | BPF_W | BPF_ABS: memcpy(&A, (const char *)d + f->k, 4); break;
        case BPF_RET | BPF_K: return f->k;
        case BPF_JMP | BPF_JA: pc += f->k; break;
        case BPF_JMP | BPF_JEQ | BPF_K: pc += A == f->k ? f->jt : f->jf; break;
        case BPF_JMP | BPF_JGE | BPF_K: pc += A >= f->k ? f->jt : f->jf; break;
        case BPF_JMP | BPF_JGT | BPF_K: pc += A > f->k ? f->jt : f->jf; break;
        case BPF_JMP | BPF_JSET | BPF_K: pc += (A & f->k) ? f->jt : f->jf; break;
        default: return 0xdead;
        }
    }
    return 0xbeef; /* fell off the end */
}

static pid_t child_pid = 4242;

static uint32_t pid_ok(uint64_t arg)
{
    int32_t pid = (int32_t)(uint32_t)arg;
    /* the program's main process and group only: any other pid may be a runner thread */
    return pid == 0 || pid == child_pid || pid == -child_pid ? SECCOMP_RET_ALLOW : RET_EPERM;
}

static uint32_t policy(const struct seccomp_data *d, int mode)
{
    if (d->arch != KJ_AUDIT_ARCH) return SECCOMP_RET_KILL_PROCESS;
    int nr = d->nr;
#ifdef __x86_64__
    if ((uint32_t)nr >= 0x40000000U) return RET_EPERM;
#endif
    for (size_t i = 0; i < sizeof deny_nrs / sizeof deny_nrs[0]; i++)
        if (nr == deny_nrs[i]) return RET_EPERM;
    uint32_t a0 = (uint32_t)d->args[0], a1 = (uint32_t)d->args[1];
    switch (nr) {
    case __NR_socketpair: return mode == SC_COMPILE && a0 == AF_UNIX ? SECCOMP_RET_ALLOW : RET_EPERM;
    case __NR_clone3: return RET_ENOSYS;
    case __NR_clone: return a0 & CLONE_NEW_ANY ? RET_EPERM
                          : mode == SC_RUN && !(a0 & CLONE_THREAD) ? RET_EPERM : SECCOMP_RET_ALLOW;
    case __NR_sched_setaffinity: case __NR_sched_setparam: case __NR_sched_setscheduler:
    case __NR_sched_setattr: case __NR_migrate_pages: case __NR_move_pages: return pid_ok(d->args[0]);
#ifdef __x86_64__
    case __NR_fork: case __NR_vfork:
#endif
    case __NR_shmget: case __NR_shmat: case __NR_shmctl: case __NR_shmdt: case __NR_semget: case __NR_semop:
    case __NR_semctl: case __NR_semtimedop: case __NR_msgget: case __NR_msgsnd: case __NR_msgrcv:
    case __NR_msgctl: case __NR_mq_open: case __NR_mq_unlink: case __NR_mq_timedsend:
    case __NR_mq_timedreceive: case __NR_mq_notify: case __NR_mq_getsetattr: case __NR_memfd_create:
    case __NR_memfd_secret:
        return mode == SC_RUN ? RET_EPERM : SECCOMP_RET_ALLOW; /* run mode: one process, its own memory */
    case __NR_kill: case __NR_tkill: case __NR_tgkill: case __NR_rt_sigqueueinfo:
    case __NR_rt_tgsigqueueinfo: case __NR_prlimit64: return pid_ok(d->args[0]);
    case __NR_fcntl: return a1 == F_SETOWN_EX ? RET_EPERM : a1 == F_SETOWN ? pid_ok(d->args[2]) : SECCOMP_RET_ALLOW;
    case __NR_ioctl: return a1 == FIOSETOWN || a1 == SIOCSPGRP ? RET_EPERM : SECCOMP_RET_ALLOW;
    case __NR_setpriority: return a0 != 0 ? RET_EPERM : pid_ok(d->args[1]);
    }
    return SECCOMP_RET_ALLOW;
}

int main(void)
{
    self_pid = 1000;
    runner_pid = 999;
    const uint64_t hi = 0xabcd000000000000ULL; /* upper halves must not matter */
    uint64_t vals[] = {0, 1, 2, AF_UNIX, AF_INET, F_SETOWN, F_SETOWN_EX, F_GETFL, FIOSETOWN, SIOCSPGRP,
                       (uint32_t)-1, (uint32_t)-2, (uint32_t)-999, (uint32_t)-1000, (uint32_t)-4242,
                       4242, 1000, 999, 4243, CLONE_NEWUSER | SIGCHLD, CLONE_NEWNS,
                       CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD, SIGCHLD,
                       hi | 5, hi | (uint32_t)-1, 0xffffffffULL};
    size_t nv = sizeof vals / sizeof vals[0];
    long checks = 0, bad = 0;
    for (int mode = SC_RUN; mode <= SC_COMPILE; mode++) {
        nfilt = nself = nmain = nrules = nja = 0;
        build_filter(mode);
        for (unsigned i = 0; i < nself; i++) filt[self_slots[i]].k = (uint32_t)-child_pid;
        for (unsigned i = 0; i < nmain; i++) filt[main_slots[i]].k = (uint32_t)child_pid;
        printf("mode %s: %u instructions, %u rules\n", mode == SC_RUN ? "run" : "compile", nfilt, nrules);
        for (uint32_t arch = 0; arch < 2; arch++)
            for (uint32_t nr = 0; nr < 1024 + 2; nr++)
                for (size_t x = 0; x < nv; x++)
                    for (size_t y = 0; y < nv; y++)
                        for (size_t z = 0; z < nv; z++) {
                            struct seccomp_data d = {0};
                            d.arch = arch ? KJ_AUDIT_ARCH : AUDIT_ARCH_I386;
                            d.nr = nr < 1024 ? (int)nr : (int)(0x40000000U + nr);
                            d.args[0] = vals[x], d.args[1] = vals[y], d.args[2] = vals[z];
                            uint32_t got = run_bpf(&d), want = policy(&d, mode);
                            checks++;
                            if (got != want && bad++ < 20)
                                printf("MISMATCH mode=%d arch=%x nr=%d args=%llx,%llx,%llx: got %x want %x\n", mode,
                                       d.arch, d.nr, (unsigned long long)d.args[0], (unsigned long long)d.args[1],
                                       (unsigned long long)d.args[2], got, want);
                            if (!arch || d.nr != __NR_fcntl) break; /* only fcntl reads args[2] */
                        }
    }
    printf("%ld checks, %ld mismatches\n", checks, bad);
    return bad != 0;
}
