/// Names written as one `;`-separated CSV field (themes, relational flags, kinds of personal data).
///
/// Kept as one flat byte array, already escaped for CSV, and copied straight into the writer's buffer: a row's
/// field costs no scratch array, no retain of an array per name, and no test of every name when it has none.
struct JoinedNames {
    /// Every name with its quotes doubled, one after another.
    private let escaped: [UInt8]
    /// `ends[i]` is where name `i` ends in `escaped` (it starts where name `i - 1` ends).
    private let ends: [Int]
    /// Per name, whether it holds a comma, quote or line break, so that a field with it must be quoted.
    private let needsQuotes: [Bool]
    private let longest: Int

    init(_ names: [String]) {
        var escaped: [UInt8] = []
        var ends: [Int] = []
        for name in names {
            for byte in name.utf8 {
                escaped.append(byte)
                if byte == UInt8(ascii: "\"") { escaped.append(byte) }
            }
            ends.append(escaped.count)
        }
        self.escaped = escaped
        self.ends = ends
        needsQuotes = names.map { name in
            var copy = name
            return copy.withUTF8(CSVWriter.needsQuotes)
        }
        longest = zip(ends, [0] + ends).map { $0 - $1 }.max() ?? 0
    }

    /// Writes the names whose bits are set in `bits` (lowest first; bits past the last name are ignored) as one
    /// field.
    func write(bits: UInt64, into writer: inout CSVWriter) {
        let selected = ends.count >= 64 ? bits : bits & ((1 << UInt64(ends.count)) &- 1)
        var quoted = false
        var remaining = selected
        while remaining != 0 {
            quoted = quoted || needsQuotes[remaining.trailingZeroBitCount]
            remaining &= remaining &- 1
        }
        writer.writeComposedField(maximumCount: selected.nonzeroBitCount * (longest + 1), quoted: quoted) { output in
            escaped.withUnsafeBufferPointer { names in
                var at = 0
                var remaining = selected
                while remaining != 0 {
                    copy(remaining.trailingZeroBitCount, first: remaining == selected, from: names, to: output, at: &at)
                    remaining &= remaining &- 1
                }
                return at
            }
        }
    }

    /// Writes the names at `indices`, in that order, as one field.
    func write(_ indices: [Int], into writer: inout CSVWriter) {
        let quoted = indices.contains { needsQuotes[$0] }
        writer.writeComposedField(maximumCount: indices.count * (longest + 1), quoted: quoted) { output in
            escaped.withUnsafeBufferPointer { names in
                var at = 0
                for (position, index) in indices.enumerated() {
                    copy(index, first: position == 0, from: names, to: output, at: &at)
                }
                return at
            }
        }
    }

    /// Copies name `index` to `output + at`, after a ";" unless it is the first.
    @inline(__always)
    private func copy(
        _ index: Int, first: Bool, from names: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>,
        at: inout Int
    ) {
        if !first {
            output[at] = UInt8(ascii: ";")
            at += 1
        }
        let start = index == 0 ? 0 : ends[index - 1]
        let length = ends[index] - start
        if length > 0 { (output + at).update(from: names.baseAddress! + start, count: length) }
        at += length
    }
}
