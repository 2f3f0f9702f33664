/// Money as whole pence: no floating point, so £0.10 + £0.20 is exactly £0.30 on every claim and in every total.
public enum Pence {
    /// "12", "12.5", "£12.50", "1,200" → pence; nil for anything else (letters, a minus sign, three decimals).
    public static func parse(_ text: String) -> Int? {
        var digits = text.trimmingWhitespace()
        if digits.hasPrefix("£") { digits.removeFirst() }
        digits = String(digits.filter { $0 != "," }).trimmingWhitespace()
        return Fixed.parse(digits, decimals: 2)
    }

    /// "£12.50", "£1,200.00".
    public static func text(_ pence: Int) -> String {
        let sign = pence < 0 ? "-" : ""
        let magnitude = abs(pence)
        let fraction = magnitude % 100
        return "\(sign)£\((magnitude / 100).formatted).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "12.50" for a form field and a spreadsheet: no pound sign, no thousands separator.
    public static func plain(_ pence: Int) -> String {
        let fraction = pence % 100
        return "\(pence / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// Decimal text read as a whole number of its smallest unit: "12.5" with 2 decimals is 1250, with 1 is 125.
enum Fixed {
    static func parse(_ text: String, decimals: Int) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholePart = parts.first, !wholePart.isEmpty || parts.count == 2 else { return nil }
        let fractionPart = parts.count == 2 ? parts[1] : ""
        guard fractionPart.count <= decimals, !(parts.count == 2 && fractionPart.isEmpty),
            (wholePart + fractionPart).allSatisfy({ $0.isASCII && $0.isNumber }),
            wholePart.count <= 7
        else { return nil }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let padded = fractionPart + String(repeating: "0", count: decimals - fractionPart.count)
        return (Int(wholePart.isEmpty ? "0" : String(wholePart)) ?? 0) * scale
            + (Int(padded.isEmpty ? "0" : padded) ?? 0)
    }
}
