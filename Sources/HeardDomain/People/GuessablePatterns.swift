/// Shapes of password that guessing tries early, whatever their length: one character or a short part repeated,
/// a run along the alphabet or the keyboard, and the account's own name or the service's.
enum GuessablePatterns {
    /// "aaaaaaaaaaaa", "abcabcabcabc", "123456789012", "abcdefghijkl", "qwertyuiopas", and the same with spaces or
    /// punctuation between (when letters and digits are most of it).
    static func isRepeatOrRun(_ password: String) -> Bool {
        let lowered = password.lowercased()
        let lettersAndDigits = lowered.filter { $0.isLetter || $0.isNumber }
        return [lowered, lettersAndDigits].contains { text in
            text.count * 2 >= password.count && (isRepeated(Array(text)) || isRun(text))
        }
    }

    /// Made of a part shorter than the minimum length, at least twice over: no stronger than that part.
    private static func isRepeated(_ characters: [Character]) -> Bool {
        let longestPart = min(characters.count / 2, PasswordPolicy.minimumLength - 1)
        guard longestPart >= 1 else { return false }
        return (1...longestPart).contains { part in
            characters.indices.allSatisfy { characters[$0] == characters[$0 % part] }
        }
    }

    /// Rows people slide along; wrapping round counts too ("890123…", "xyzabc…").
    private static let runs = [
        "abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm",
        "qwertyuiopasdfghjklzxcvbnm", "!@#$%^&*()",
    ]

    private static func isRun(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return runs.contains { row in
            let lap = String(repeating: row, count: text.count / row.count + 2)
            return lap.contains(text) || String(lap.reversed()).contains(text)
        }
    }

    /// Takes the e-mail name (and its parts, "sam" and "okafor" of sam.okafor@…) and "heard" out of the password:
    /// true when one was there and fewer than half the minimum length of letters are left.
    static func isMostlyNames(_ password: String, email: String) -> Bool {
        let address = email.lowercased()
        let emailName = String(address.prefix { $0 != "@" })
        // The whole address and every part of it ("panel", "demo", "heard", "test"), and the role names shown
        // beside it: all of them are what someone who knows the account would try first.
        let parts = address.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let names = Set([product, address, emailName] + parts + roleWords).filter { $0.count >= 3 }
            .sorted { $0.count > $1.count }
        var left = password.lowercased()
        var foundOne = false
        for name in names where left.contains(name) {
            foundOne = true
            left = left.replacing(name, with: " ")
        }
        return foundOne && left.filter(\.isLetter).count < PasswordPolicy.minimumLength / 2
    }

    static let product = "heard"
    static let roleWords = [
        "administrator", "admin", "engagement", "officer", "complaints", "handler", "moderator", "board",
        "secretary", "involved", "person", "panel", "password", "nhs",
    ]

    /// The demo accounts' passwords are printed by `heard demo` and in the README: fine for the demo's own
    /// accounts, never for a real one.
    static func isPublishedDemoPassword(_ password: String) -> Bool {
        let lowered = password.lowercased()
        return lowered.hasPrefix("demo-") && lowered.hasSuffix("-pass")
    }

    static func isDemoAccount(_ email: String) -> Bool { email.lowercased().hasSuffix("@" + demoDomain) }

    static let demoDomain = "demo.heard.test"
}
