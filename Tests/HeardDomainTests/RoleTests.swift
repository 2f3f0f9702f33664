import Testing

@testable import HeardDomain

@Test func everyRoleHasAPlainTitle() {
    for role in Role.allCases { #expect(!role.title.isEmpty) }
    #expect(Role(rawValue: "board_secretary") == .boardSecretary)
}
