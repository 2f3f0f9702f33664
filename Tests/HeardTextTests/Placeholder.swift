import Testing
@testable import HeardText

@Test func formatVersionIsPositive() { #expect(TextEngine.formatVersion > 0) }
