/// The listening engine's namespace. Pure Swift: no server, no database.
public enum TextEngine {
    /// The model file version this build writes (2: word-vector weights after the biases).
    public static let formatVersion = 2
    /// The versions it reads (version 1 files have no word-vector weights).
    static let readableFormatVersions = 1...2
}
