/// Checks UTF-8 and replaces invalid sequences with U+FFFD, so a damaged comment is analysed, not dropped.
enum UTF8Repair {
    /// Whether `bytes` is valid UTF-8 (fast path: pure ASCII).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var accumulated: UInt8 = 0
        for byte in bytes { accumulated |= byte }
        if accumulated < 0x80 { return true }
        var index = 0
        while index < bytes.count {
            guard let length = sequenceLength(bytes, at: index) else { return false }
            index += length
        }
        return true
    }

    /// Copies `bytes` into `output`, replacing each invalid sequence with U+FFFD.
    static func repair(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var index = 0
        while index < bytes.count {
            if let length = sequenceLength(bytes, at: index) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            } else {
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += 1
            }
        }
    }

    /// Length of the valid scalar at `index`, or nil (overlong forms, surrogates and > U+10FFFF are invalid).
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let first = bytes[index]
        if first < 0x80 { return 1 }
        let remaining = bytes.count - index
        @inline(__always) func continuation(_ offset: Int) -> Bool { bytes[index + offset] & 0xC0 == 0x80 }
        switch first {
        case 0xC2...0xDF:
            return remaining >= 2 && continuation(1) ? 2 : nil
        case 0xE0...0xEF:
            guard remaining >= 3, continuation(1), continuation(2) else { return nil }
            let second = bytes[index + 1]
            if first == 0xE0 && second < 0xA0 { return nil }
            if first == 0xED && second > 0x9F { return nil }
            return 3
        case 0xF0...0xF4:
            guard remaining >= 4, continuation(1), continuation(2), continuation(3) else { return nil }
            let second = bytes[index + 1]
            if first == 0xF0 && second < 0x90 { return nil }
            if first == 0xF4 && second > 0x8F { return nil }
            return 4
        default:
            return nil
        }
    }
}
