import Foundation
import HeardText
import HeardWeb

/// Checks, before any work, that an output file can be written without destroying data.
enum OutputFile {
    /// Why `path` cannot be written: its folder is missing or cannot be written to, or the path is a folder
    /// or a read-only file.
    static func problem(_ path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return "Cannot write to \(path): it is a folder. Give a file name." }
            if !files.isWritableFile(atPath: path) { return "Cannot write to \(path): the file is read-only." }
            return nil
        }
        guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return "Cannot write to \(path): there is no folder \(folder). Create it first or choose another path."
        }
        guard files.isWritableFile(atPath: folder) else {
            return "Cannot write to \(path): you cannot write in the folder \(folder)."
        }
        return nil
    }

    /// Why writing `path` (given with `option`) would destroy data that no flag should let it replace: it is
    /// (through links too) one of `inputs`, the database in use, or any SQLite database.
    static func destroysData(
        _ path: String, option: String, inputs: [String] = [], database: DatabaseTarget? = nil
    ) -> String? {
        let url = URL(fileURLWithPath: path)
        if inputs.contains(where: { CSVAnalysis.isSameFile(URL(fileURLWithPath: $0), url) }) {
            return "\(option) \(path) is the input file: writing there would replace the data being read. "
                + "Choose another file name."
        }
        if case .sqliteFile(let databasePath) = database,
            CSVAnalysis.isSameFile(URL(fileURLWithPath: databasePath), url)
        {
            return "\(option) \(path) is the database Heard is using: writing there would replace it. "
                + "Choose another file name."
        }
        if isSQLiteDatabase(path) {
            return "\(option) \(path) is an SQLite database: writing there would replace it, even with --overwrite. "
                + "Choose another file name."
        }
        return nil
    }

    /// Why an existing file at `path` is kept: it is replaced only with `--overwrite`, as it may be someone's
    /// only copy of an earlier export. A device or pipe (`/dev/stdout`) is written to, not replaced.
    static func existingFileProblem(_ path: String, overwrite: Bool) -> String? {
        guard !overwrite, FileManager.default.fileExists(atPath: path), FileOutput.replacesAtomically(path) else {
            return nil
        }
        return "\(path) exists already. Choose another name, or add --overwrite to replace it."
    }

    /// Whether `path` is a regular file that starts as every SQLite database does. Only a regular file is
    /// read: reading a pipe would wait for a writer.
    static func isSQLiteDatabase(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\0".utf8)
    }

    /// The plain reason from a Foundation error, without the error domain dump.
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        return error.localizedFailureReason ?? error.localizedDescription
    }
}
