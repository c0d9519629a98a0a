using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// Every template the daemon knows: the built-in ones shipped next to the assembly
/// (<c>device-templates/</c>), then those an installer put in the data directory's folder, which may
/// add models or replace a built-in one by using its id. A bad file is logged and left out, never fatal.
/// </summary>
public sealed partial class DeviceTemplateCatalog
{
    /// <summary>The folder name used both next to the binaries and in the data directory.</summary>
    public const string FolderName = "device-templates";

    private readonly Dictionary<string, DeviceTemplate> _templates;

    private DeviceTemplateCatalog(Dictionary<string, DeviceTemplate> templates, IReadOnlyList<string> problems)
    {
        _templates = templates;
        Problems = problems;
    }

    public static string BuiltInDirectory => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>Every problem met while loading, one line per file and problem.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<DeviceTemplate> Templates => _templates.Values.OrderBy(t => t.Id, StringComparer.Ordinal);

    /// <summary>The built-in templates only.</summary>
    public static DeviceTemplateCatalog LoadBuiltIn(ILogger logger) => Load([BuiltInDirectory], logger);

    /// <summary>The built-in templates plus <c>{dataDirectory}/device-templates/*.json</c>.</summary>
    public static DeviceTemplateCatalog Load(string dataDirectory, ILogger logger) =>
        Load([BuiltInDirectory, Path.Combine(dataDirectory, FolderName)], logger);

    /// <summary>Loads <c>*.json</c> from each folder in order; a later folder's template replaces an earlier one of the same id.</summary>
    public static DeviceTemplateCatalog Load(IEnumerable<string> directories, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(logger);
        var templates = new Dictionary<string, DeviceTemplate>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    var template = DeviceTemplateLoader.LoadFile(file);
                    if (templates.ContainsKey(template.Id))
                    {
                        LogReplaced(logger, template.Id, file);
                    }

                    templates[template.Id] = template;
                }
                catch (Exception ex) when (ex is DeviceTemplateException or IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{file}: {ex.Message}");
                    LogBadTemplate(logger, file, ex.Message);
                }
            }
        }

        return new DeviceTemplateCatalog(templates, problems);
    }

    /// <summary>A catalog of the given templates (tests, tools).</summary>
    public static DeviceTemplateCatalog Of(IEnumerable<DeviceTemplate> templates) =>
        new(templates.ToDictionary(t => t.Id, StringComparer.Ordinal), []);

    public bool TryGet(string id, out DeviceTemplate template) => _templates.TryGetValue(id, out template!);

    /// <summary>The template with this id; throws a <see cref="DeviceTemplateException"/> listing the known ids when there is none.</summary>
    public DeviceTemplate Get(string id) => _templates.TryGetValue(id, out var template)
        ? template
        : throw new DeviceTemplateException($"No device template '{id}'; known: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Device template {File} left out: {Reason}")]
    private static partial void LogBadTemplate(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device template {Id} replaced by {File}")]
    private static partial void LogReplaced(ILogger logger, string id, string file);
}
