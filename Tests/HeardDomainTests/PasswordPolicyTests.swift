import Testing

@testable import HeardDomain

@Suite("Password policy")
struct PasswordPolicyTests {
    static let email = "sam.okafor@example.nhs.uk"

    static func problem(_ password: String) -> String? { PasswordPolicy.problem(with: password, forAccount: email) }

    @Test("passwords need length, not symbols, and at most what bcrypt reads")
    func length() throws {
        #expect(Self.problem("short")?.contains("at least 12 characters") == true)
        #expect(Self.problem("            ") != nil)
        #expect(Self.problem("three random words") == nil)
        let phrase = "kettle orchard lantern meadow pebble violin harbour thistle copper wagon "
        #expect(Self.problem(String(phrase.prefix(72))) == nil)
        #expect(
            Self.problem(String(phrase.prefix(73)))?.contains("at most 72 characters") == true,
            "bcrypt would ignore the 73rd")
        #expect(Self.problem(String(repeating: "é", count: 40)) != nil, "80 bytes")
    }

    @Test(
        "common passwords are refused, whatever the case, with numbers or symbols added, or letters swapped for digits",
        arguments: [
            "password1234", "Password1234!", "1234password5678", "PASSWORD2024!!", "iloveyou12345", "letmein123456",
            "p4ssw0rd1234", "Pass-Word-1234", "qwerty123456!", "football2024!", "sunshine1990", "Monkey12345678",
        ])
    func common(_ password: String) {
        #expect(Self.problem(password)?.contains("among the most common passwords") == true, "\(password)")
    }

    @Test(
        "one character or a short part repeated, and runs along the alphabet or keyboard, are refused",
        arguments: [
            "aaaaaaaaaaaa", "AAAAAAAAAAAAAAAA", "111111111111", "abcabcabcabc", "blueberryblueberry",
            "123456789012", "abcdefghijkl", "lkjihgfedcba", "210987654321", "xyzabcdefghi", "qwertyuiopas",
            "1234 5678 9012", "a-b-c-d-e-f-g-h-i-j-k-l", "!@#$%^&*()!@",
        ])
    func repeatsAndRuns(_ password: String) {
        #expect(Self.problem(password)?.contains("not a run like abcdef") == true, "\(password)")
    }

    @Test(
        "a password that is mostly the e-mail address, a role's name or the service's name is refused",
        arguments: [
            "sam.okafor2024!", "SamOkafor12345", "okafor-okafor-99", "heard12345678", "Heard-Heard-2024!",
            "sam.okafor@example.nhs.uk", "okafor example nhs", "administrator", "Moderator2024!",
        ])
    func names(_ password: String) {
        #expect(
            Self.problem(password)?.contains("mostly your e-mail address, a role's name or the word \"heard\"")
                == true, "\(password)")
    }

    @Test("a demo account's published password is for the demo's accounts only")
    func demoPasswords() {
        #expect(Self.problem("demo-administrator-pass")?.contains("a demo account's, published with Heard") == true)
        #expect(PasswordPolicy.problem(with: "demo-administrator-pass", forAccount: "admin@demo.heard.test") == nil)
        #expect(
            PasswordPolicy.problem(with: "panel@demo.heard.test", forAccount: "panel@demo.heard.test") != nil,
            "the address itself")
    }

    @Test(
        "long passphrases, and ones that only include a name among other words, are accepted",
        arguments: [
            "correct horse battery staple", "kettle orchard lantern", "a long first password", "three random words",
            "sam walks the okafor dog at dawn", "we heard the river at night",
            "zq8 kettle 3vx orchard",
        ])
    func accepted(_ password: String) {
        #expect(Self.problem(password) == nil, "\(password)")
    }

    @Test("the common list is loaded, and stems are compared without what people add around them")
    func commonList() {
        #expect(CommonPasswords.stems.count > 3000)
        #expect(CommonPasswords.stem(of: "  Pass-Word 1234!! ") == "password")
        #expect(CommonPasswords.plainLetters("p4ssw0rd") == "password")
        #expect(
            CommonPasswords.stems.allSatisfy { $0.count >= 3 }, "a stem of one or two letters would refuse by accident")
    }

}
