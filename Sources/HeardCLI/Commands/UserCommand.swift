import ArgumentParser
import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Create.self, SetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account. Asks for the password, or reads one line from standard input when piped.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The person's e-mail address; they sign in with it.")
        var email: String

        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(help: "The name shown on pages. Default: the part of the e-mail before @.")
        var name: String?

        func validate() throws { try AccountArguments.validate(email: email, role: role) }

        func run() async throws {
            var config = try database.configuration()
            config.runsJobWorker = false
            config.logLevel = .warning
            let password = try PasswordInput.read(prompt: "Password for \(email): ")
            if let problem = PasswordPolicy.problem(with: password, forAccount: email) { throw CLIError(problem) }
            let role = Role(rawValue: role)!
            let email = EmailAddress.normalised(email)
            let given = (name ?? "").trimmingWhitespace()
            if let problem = TextLimit.problem(given, limit: TextLimit.personName, what: "--name") {
                throw CLIError(problem)
            }
            let displayName = given.isEmpty ? String(email.split(separator: "@")[0]) : given
            AppRunner.bootstrapLogging(level: .warning)
            try await AppRunner.withApplication(config) { app in
                if try await User.query(on: app.db).filter(\.$email == email).first() != nil {
                    throw CLIError("There is already an account for \(email).")
                }
                let user = User(
                    email: email, displayName: displayName, role: role, passwordHash: try app.password.hash(password))
                try await app.db.writeTransaction { db in
                    try await user.create(on: db)
                    try await AuditLog.record(
                        on: db, actor: .system("command line"), action: "user.created", objectType: "user",
                        objectID: user.id?.uuidString, summary: "Added \(displayName) as \(role.title)",
                        changes: [
                            FieldChange("email", from: nil, to: email),
                            FieldChange("role", from: nil, to: role.rawValue),
                        ])
                }
                print("Added \(email) as \(role.title).")
            }
        }
    }
}

extension UserCommand {
    /// For when nobody can sign in to send a reset link (the only administrator forgot, or no e-mail relay yet).
    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract:
                "Set an account's password and switch the account on. Asks for the password, or reads one line from standard input when piped. Signs the person out everywhere."
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The e-mail address of the account.")
        var email: String

        func validate() throws {
            guard EmailAddress.isPlausible(email) else {
                throw ValidationError("--email '\(email)' is not an e-mail address like name@example.nhs.uk.")
            }
        }

        func run() async throws {
            var config = try database.configuration()
            config.runsJobWorker = false
            config.logLevel = .warning
            let email = EmailAddress.normalised(email)
            let password = try PasswordInput.read(prompt: "New password for \(email): ")
            if let problem = PasswordPolicy.problem(with: password, forAccount: email) { throw CLIError(problem) }
            AppRunner.bootstrapLogging(level: .warning)
            try await AppRunner.withApplication(config) { app in
                guard let user = try await User.query(on: app.db).filter(\.$email == email).first() else {
                    throw CLIError("There is no account for \(email). Add one with `heard user create`.")
                }
                let wasActive = user.isActive
                user.passwordHash = try app.password.hash(password)
                user.sessionEpoch += 1
                user.isActive = true
                try await app.db.writeTransaction { db in
                    try await user.save(on: db)
                    try await PasswordResets.cancelOpenLinks(of: user, now: Date(), on: db)
                    try await AuditLog.record(
                        on: db, actor: .system("command line"), action: "user.password_set", objectType: "user",
                        objectID: user.id?.uuidString, summary: "Set the password of \(email) from the command line",
                        changes: wasActive ? [] : [FieldChange("is_active", from: "false", to: "true")])
                }
                print("Set the password of \(email)\(wasActive ? "" : " and switched the account on").")
            }
        }
    }
}

/// The checks `user create` and `token create` share.
enum AccountArguments {
    static func validate(email: String, role: String) throws {
        guard EmailAddress.isPlausible(email) else {
            throw ValidationError("--email '\(email)' is not an e-mail address like name@example.nhs.uk.")
        }
        guard Role(rawValue: role) != nil else {
            throw ValidationError(
                "--role '\(role)' is not a role. Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
    }
}

/// Reads a password without echoing it at a terminal; reads a line from a pipe otherwise.
enum PasswordInput {
    static func read(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            guard let pointer = getpass(prompt) else { throw CLIError("No password was entered.") }
            return String(cString: pointer)
        }
        guard let line = readLine(strippingNewline: true) else {
            throw CLIError("No password on standard input. Pipe one line, or run the command at a terminal.")
        }
        return line
    }
}
