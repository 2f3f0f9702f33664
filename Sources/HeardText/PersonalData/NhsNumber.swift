/// NHS numbers: ten digits whose last digit is a modulus-11 check digit.
public enum NhsNumber {
    /// Whether `text` is a valid NHS number. Spaces, hyphens and dots between digits are allowed
    /// ("943 476 5919", "943-476-5919", "943.476.5919", "9434765919"); anything else makes it invalid.
    public static func isValid(_ text: String) -> Bool {
        var digits: [UInt8] = []
        digits.reserveCapacity(10)
        for byte in text.utf8 {
            if ByteClass.isDigit(byte) {
                digits.append(byte &- 0x30)
                if digits.count > 10 { return false }
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: ".") {
                return false
            }
        }
        guard digits.count == 10 else { return false }
        return digits.withUnsafeBufferPointer { isValid(digits: $0) }
    }

    /// Check-digit test on exactly ten digit values (0...9).
    /// Weights 10 down to 2 on the first nine; check = 11 − (sum mod 11); 11 means 0; 10 is never valid.
    @inlinable static func isValid(digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count == 10 else { return false }
        var sum = 0
        for index in 0..<9 { sum += Int(digits[index]) * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        if check == 10 { return false }
        return check == Int(digits[9])
    }
}
