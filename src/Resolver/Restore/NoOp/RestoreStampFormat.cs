using System.Text.Json;

namespace LlmPython.Resolver.Restore.NoOp;

/// <summary>
/// restore.stamp as JSON, read and written by hand with <see cref="Utf8JsonReader"/>/<see cref="Utf8JsonWriter"/>:
/// the no-op path reads it on every build, and the serializer's start-up (options, converters, metadata)
/// cost more than the rest of a no-op together. Unknown properties are skipped; a missing required one
/// or a malformed file is a <see cref="JsonException"/>.
/// </summary>
internal static class RestoreStampFormat
{
    public static byte[] Write(RestoreStamp stamp)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(nameof(RestoreStamp.EngineKey), stamp.EngineKey);
            json.WriteString(nameof(RestoreStamp.LockSha256), stamp.LockSha256);
            json.WriteString(nameof(RestoreStamp.EnvironmentDirectory), stamp.EnvironmentDirectory);
            WriteIfSet(json, nameof(RestoreStamp.LockSection), stamp.LockSection);
            WriteIfSet(json, nameof(RestoreStamp.NoOpKey), stamp.NoOpKey);
            WriteIfSet(json, nameof(RestoreStamp.EnvironmentPython), stamp.EnvironmentPython);
            WriteIfSet(json, nameof(RestoreStamp.SitePackages), stamp.SitePackages);
            WriteArray(json, nameof(RestoreStamp.Packages), stamp.Packages, (w, p) =>
            {
                w.WriteString(nameof(ResolvedPackage.Name), p.Name);
                w.WriteString(nameof(ResolvedPackage.Version), p.Version);
                w.WriteString(nameof(ResolvedPackage.Url), p.Url);
                w.WriteString(nameof(ResolvedPackage.Sha256), p.Sha256);
            });
            WriteArray(json, nameof(RestoreStamp.Files), stamp.Files, (w, f) =>
            {
                w.WriteString(nameof(FileSnapshot.Path), f.Path);
                w.WriteNumber(nameof(FileSnapshot.Length), f.Length);
                w.WriteNumber(nameof(FileSnapshot.LastWriteTicks), f.LastWriteTicks);
            });
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static RestoreStamp Read(ReadOnlySpan<byte> utf8)
    {
        var json = new Utf8JsonReader(utf8);
        Expect(ref json, JsonTokenType.StartObject);
        string? engineKey = null, lockSha256 = null, environmentDirectory = null;
        string? lockSection = null, noOpKey = null, environmentPython = null, sitePackages = null;
        List<ResolvedPackage>? packages = null;
        List<FileSnapshot>? files = null;
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            var name = json.GetString();
            switch (name)
            {
                case nameof(RestoreStamp.EngineKey): engineKey = StringValue(ref json); break;
                case nameof(RestoreStamp.LockSha256): lockSha256 = StringValue(ref json); break;
                case nameof(RestoreStamp.EnvironmentDirectory): environmentDirectory = StringValue(ref json); break;
                case nameof(RestoreStamp.LockSection): lockSection = StringValue(ref json); break;
                case nameof(RestoreStamp.NoOpKey): noOpKey = StringValue(ref json); break;
                case nameof(RestoreStamp.EnvironmentPython): environmentPython = StringValue(ref json); break;
                case nameof(RestoreStamp.SitePackages): sitePackages = StringValue(ref json); break;
                case nameof(RestoreStamp.Packages): packages = ReadArray(ref json, ReadPackage); break;
                case nameof(RestoreStamp.Files): files = ReadArray(ref json, ReadFile); break;
                default: Next(ref json); json.Skip(); break;
            }
        }
        if (json.TokenType != JsonTokenType.EndObject)
            throw new JsonException("restore.stamp: expected a property or the end of the object");
        return new RestoreStamp(Required(engineKey, nameof(RestoreStamp.EngineKey)), Required(lockSha256, nameof(RestoreStamp.LockSha256)),
            Required(environmentDirectory, nameof(RestoreStamp.EnvironmentDirectory)))
        {
            LockSection = lockSection,
            NoOpKey = noOpKey,
            EnvironmentPython = environmentPython,
            SitePackages = sitePackages,
            Packages = packages,
            Files = files,
        };
    }

    /// <summary>An array of objects, one per item (nothing when <paramref name="items"/> is null): the counterpart of <see cref="ReadArray"/>.</summary>
    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T>? items, Action<Utf8JsonWriter, T> writeProperties)
    {
        if (items is null) return;
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeProperties(json, item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private delegate T ItemReader<T>(ref Utf8JsonReader json);

    private static List<T>? ReadArray<T>(ref Utf8JsonReader json, ItemReader<T> readItem)
    {
        if (Next(ref json) == JsonTokenType.Null) return null;
        if (json.TokenType != JsonTokenType.StartArray) throw new JsonException("restore.stamp: expected an array");
        var items = new List<T>();
        while (Next(ref json) == JsonTokenType.StartObject)
            items.Add(readItem(ref json));
        if (json.TokenType != JsonTokenType.EndArray) throw new JsonException("restore.stamp: expected an object or the end of the array");
        return items;
    }

    private static ResolvedPackage ReadPackage(ref Utf8JsonReader json)
    {
        string? name = null, version = null, url = null, sha256 = null;
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            switch (json.GetString())
            {
                case nameof(ResolvedPackage.Name): name = StringValue(ref json); break;
                case nameof(ResolvedPackage.Version): version = StringValue(ref json); break;
                case nameof(ResolvedPackage.Url): url = StringValue(ref json); break;
                case nameof(ResolvedPackage.Sha256): sha256 = StringValue(ref json); break;
                default: Next(ref json); json.Skip(); break;
            }
        }
        return new ResolvedPackage(Required(name, "Name"), Required(version, "Version"), Required(url, "Url"), Required(sha256, "Sha256"));
    }

    private static FileSnapshot ReadFile(ref Utf8JsonReader json)
    {
        string? path = null;
        long? length = null, ticks = null;
        while (Next(ref json) == JsonTokenType.PropertyName)
        {
            switch (json.GetString())
            {
                case nameof(FileSnapshot.Path): path = StringValue(ref json); break;
                case nameof(FileSnapshot.Length): Next(ref json); length = json.GetInt64(); break;
                case nameof(FileSnapshot.LastWriteTicks): Next(ref json); ticks = json.GetInt64(); break;
                default: Next(ref json); json.Skip(); break;
            }
        }
        return new FileSnapshot(Required(path, "Path"), length ?? throw Missing("Length"), ticks ?? throw Missing("LastWriteTicks"));
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    private static JsonTokenType Next(ref Utf8JsonReader json) =>
        json.Read() ? json.TokenType : throw new JsonException("restore.stamp: unexpected end of file");

    private static void Expect(ref Utf8JsonReader json, JsonTokenType type)
    {
        if (Next(ref json) != type) throw new JsonException($"restore.stamp: expected {type}, found {json.TokenType}");
    }

    // A string, or null for a JSON null; anything else is malformed.
    private static string? StringValue(ref Utf8JsonReader json) => Next(ref json) switch
    {
        JsonTokenType.String => json.GetString(),
        JsonTokenType.Null => null,
        var other => throw new JsonException($"restore.stamp: expected a string, found {other}"),
    };

    private static string Required(string? value, string name) => value ?? throw Missing(name);

    private static JsonException Missing(string name) => new($"restore.stamp: '{name}' is missing");
}
