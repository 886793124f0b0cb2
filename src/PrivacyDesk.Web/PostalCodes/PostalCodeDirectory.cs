using System.IO.Compression;
using System.Text;

namespace PrivacyDesk.Web.PostalCodes;

/// <summary>One postcode's address as Japan Post lists it: the member still types the block number and building.</summary>
public sealed record PostalAddress(string Prefecture, string City, string Town);

/// <summary>
/// The 郵便番号→住所 table (ADR 0025): about 120,000 residential postcodes from the Japan Post data carried by the npm
/// package jquery-jpostal-ja (refreshed with scripts/postal-codes.sh), embedded in the assembly as a gzipped TSV.
/// Loaded once, on the first look-up, into sorted arrays (a few MB: the prefecture and city pairs are shared, one
/// town string per postcode), then read without locks; memory does not grow with traffic.
/// </summary>
public sealed class PostalCodeDirectory
{
    public const string ResourceName = "PrivacyDesk.Web.PostalCodes.postal-codes.tsv.gz";

    private readonly Lazy<Table> table;

    public PostalCodeDirectory()
        : this(() => typeof(PostalCodeDirectory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing."))
    {
    }

    /// <summary>For tests: a table read from another gzipped TSV of the same layout.</summary>
    internal PostalCodeDirectory(Func<Stream> open) =>
        table = new Lazy<Table>(() => Load(open), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The data's provenance line (package version and Japan Post data date), for the ADR and diagnostics.</summary>
    public string Source => table.Value.Source;

    public int Count => table.Value.Codes.Length;

    /// <summary>Exactly seven ASCII digits, nothing else: what the endpoint accepts.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: 7 } && code.All(char.IsAsciiDigit);

    /// <summary>The address of a well-formed postcode, or null when Japan Post lists no residential address for it.</summary>
    public PostalAddress? Find(string code)
    {
        if (!IsWellFormed(code))
        {
            throw new ArgumentException("A postcode is seven ASCII digits.", nameof(code));
        }

        var data = table.Value;
        var index = Array.BinarySearch(data.Codes, int.Parse(code, System.Globalization.CultureInfo.InvariantCulture));
        if (index < 0)
        {
            return null;
        }

        var (prefecture, city) = data.Places[data.PlaceOf[index]];
        return new PostalAddress(prefecture, city, data.Towns[index]);
    }

    private sealed record Table(string Source, int[] Codes, ushort[] PlaceOf, string[] Towns, (string Prefecture, string City)[] Places);

    private static Table Load(Func<Stream> open)
    {
        using var gzip = new GZipStream(open(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var source = string.Empty;
        var codes = new List<int>(125_000);
        var placeOf = new List<ushort>(125_000);
        var towns = new List<string>(125_000);
        var places = new List<(string, string)>();
        var placeIndex = new Dictionary<(string, string), ushort>();
        var previous = -1;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                source = line.TrimStart('#', ' ');
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 4 || !IsWellFormed(fields[0]))
            {
                throw new InvalidDataException($"Line {codes.Count + 2} of the postcode table is not code, prefecture, city, town.");
            }

            var code = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            if (code <= previous)
            {
                throw new InvalidDataException("The postcode table must be sorted by code without repeats (scripts/postal-codes.sh writes it so).");
            }

            var place = (fields[1], fields[2]);
            if (!placeIndex.TryGetValue(place, out var at))
            {
                at = checked((ushort)places.Count);
                placeIndex.Add(place, at);
                places.Add(place);
            }

            previous = code;
            codes.Add(code);
            placeOf.Add(at);
            towns.Add(fields[3].Length == 0 ? string.Empty : fields[3]);
        }

        return new Table(source, codes.ToArray(), placeOf.ToArray(), towns.ToArray(), places.ToArray());
    }
}
