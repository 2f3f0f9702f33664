import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion with posix_spawn, its standard streams read from and written to files.
///
/// Not Foundation's `Process`: on Linux its `run()` reads `/proc/self/fd` with a 256-byte copy of each entry and
/// now and then reads past glibc's buffer and crashes the whole test run (swift-corelibs-foundation PR #5472;
/// seen here as "Bad pointer dereference" in `Process.run()`). The child starts in `folder` through
/// `env --chdir`, so nothing here changes the test process's own directory.
enum ChildProcess {
    struct SpawnFailed: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }

    /// The exit status, or 128 + the signal that ended it.
    static func run(
        _ executable: String, _ arguments: [String], in folder: String, environment: [String: String],
        standardInput: String, standardOutput: String, standardError: String
    ) throws -> Int32 {
        try wait(
            start(
                executable, arguments, in: folder, environment: environment, standardInput: standardInput,
                standardOutput: standardOutput, standardError: standardError))
    }

    /// Starts the program and returns its process id, for a test that signals it before `wait`.
    static func start(
        _ executable: String, _ arguments: [String], in folder: String, environment: [String: String],
        standardInput: String, standardOutput: String, standardError: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/usr/bin/env", "--chdir=" + folder, executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        return pid
    }

    /// Waits for the process to end: its exit status, or 128 + the signal that ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
