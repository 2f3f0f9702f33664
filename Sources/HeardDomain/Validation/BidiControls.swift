/// The Unicode controls that override or isolate the direction of the text after them: LRE, RLE, PDF, LRO,
/// RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069). Nobody needs one to write Arabic, Hebrew or
/// Urdu (those letters carry their own direction), but one pasted into a story makes a public page show words
/// in another order than they were written: after U+202E, "gnissim" shows as "missing". The marks that only
/// nudge direction (LRM, RLM, ALM) are not controls of this kind and are kept.
public enum BidiControls {
    @inlinable
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}

extension String {
    /// The text without direction override and isolate controls (`BidiControls`); every other character,
    /// right-to-left letters included, is kept as it is.
    public func removingBidiControls() -> String {
        guard unicodeScalars.contains(where: BidiControls.contains) else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.filter { !BidiControls.contains($0) })
        return String(scalars)
    }
}
