import Foundation
import Yams

extension VeilConfiguration {
    /// Reads and checks a YAML configuration file. Relative paths in it are taken from the
    /// file's folder.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem found, each with its YAML path
    ///   and line, when the file cannot be read or anything in it is wrong.
    public static func load(path: String) throws(ConfigurationError) -> VeilConfiguration {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(source: path, problems: [ConfigurationProblem(
                path: "", message: "no such file; start from veil.example.yaml", line: nil)])
        }
        let text: String
        do {
            text = try FileText.read(path)
        } catch {
            throw ConfigurationError(source: path, problems: [ConfigurationProblem(
                path: "", message: "cannot read the file: \((error as NSError).localizedDescription)", line: nil)])
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: text, source: path, baseDirectory: folder)
    }

    /// Parses and checks configuration text.
    ///
    /// - Parameters:
    ///   - source: the name used in messages, usually the file's path.
    ///   - baseDirectory: where relative paths start; the current directory if nil.
    /// - Throws: ``ConfigurationError`` listing every problem found.
    public static func parse(yaml: String, source: String = "<configuration>",
                             baseDirectory: String? = nil) throws(ConfigurationError) -> VeilConfiguration {
        let problems = ProblemCollector()
        if let line = YAMLNesting.firstLineTooDeep(in: yaml) {
            throw ConfigurationError(source: source, problems: [ConfigurationProblem(
                path: "", message: "nested more than \(YAMLNesting.limit) levels deep; a Veil configuration needs about five "
                    + "(see veil.example.yaml)", line: line)])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationError(source: source, problems: [syntaxProblem(error)])
        }
        guard let root else {
            throw ConfigurationError(source: source, problems: [ConfigurationProblem(
                path: "", message: "the file is empty; see veil.example.yaml for every key", line: nil)])
        }
        let base = baseDirectory ?? FileManager.default.currentDirectoryPath
        let parser = ConfigurationParser(problems: problems, paths: PathResolver(baseDirectory: base))
        let configuration = parser.parseDocument(root)
        guard problems.problems.isEmpty, let configuration else {
            throw ConfigurationError(source: source, problems: problems.inDocumentOrder)
        }
        return configuration
    }

    /// A YAML syntax error, without the snippet of the offending line that Yams would
    /// print (that line could hold a password).
    private static func syntaxProblem(_ error: any Error) -> ConfigurationProblem {
        switch error as? YamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigurationProblem(path: "", message: "not valid YAML: \(problem) (column \(mark.column))", line: mark.line)
        case let .reader(problem, _, _, _):
            return ConfigurationProblem(path: "", message: "not readable as YAML text: \(problem)", line: nil)
        default:
            return ConfigurationProblem(path: "", message: "not valid YAML", line: nil)
        }
    }
}

/// Turns relative paths from the file into absolute ones and answers what is on disk.
struct PathResolver {
    let baseDirectory: String

    func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: baseDirectory, isDirectory: true).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    enum Entry { case missing, file, directory }

    func entry(at absolutePath: String) -> Entry {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolutePath, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }
}
