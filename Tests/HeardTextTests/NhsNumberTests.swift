import Testing

@testable import HeardText

@Suite struct NhsNumberTests {
    @Test(arguments: ["9434765919", "943 476 5919", "943-476-5919", "943.476.5919", "4010232137"])
    func acceptsValidNumbers(_ number: String) { #expect(NhsNumber.isValid(number)) }

    @Test(arguments: [
        "9434765918", "1234567890", "943476591", "94347659190", "943 476 591x", "943.476.5918", "943/476/5919", "",
    ])
    func rejectsInvalidNumbers(_ number: String) { #expect(!NhsNumber.isValid(number)) }

    @Test func checkDigitOfTenIsNeverValid() {
        // 000000001x: sum = 1 * 2 = 2, check = 11 - 2 = 9; 000000010x: sum = 3, check 8; find a ten case.
        // Weights 10..2 over "100000000" give sum 10, check = 11 - 10 = 1; "000000006" gives 12 → 11 - 1 = 10.
        for last in 0...9 { #expect(!NhsNumber.isValid("000000006\(last)")) }
    }

    @Test func checkDigitOfElevenMeansZero() {
        // "000000011" → 1*3 + 1*2 = 5 → no. "100000001" → 10 + 2 = 12 → 12 mod 11 = 1 → check 10 (invalid).
        // "000000110" → 4 + 3 = 7 → check 4. Sum multiple of 11: "000000000" → check 11 → 0.
        #expect(NhsNumber.isValid("0000000000"))
        #expect(!NhsNumber.isValid("0000000001"))
    }
}
