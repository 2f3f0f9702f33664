import ArgumentParser
import Foundation

/// The file an export writes. An existing file is refused unless `--overwrite` is given: exports hold personal
/// data, and the file there may be someone's only copy of an earlier one.
struct ExportTarget: ParsableArguments {
    @Option(help: "The CSV file to write.") var output: String
    @Flag(help: "Replace the output file if it exists.") var overwrite = false

    var url: URL { URL(fileURLWithPath: output) }

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            throw ValidationError("\(output) is a folder: give a file name in it, like \(output)/export.csv.")
        }
        if !overwrite {
            throw ValidationError("\(output) exists already. Choose another name, or add --overwrite to replace it.")
        }
    }
}
