using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

// Intake benchmark: N member submissions (form GET, review POST with two ~1 MB images and a small PDF, submit POST)
// at a given concurrency against a running PrivacyDesk, side by side with the same bodies posted to /bench/echo
// (receive and parse only). Prints throughput, latency percentiles, the ratio, and the rows counted afterwards.
//   dotnet run -c Release --project benchmarks/PrivacyDesk.Bench -- --base http://127.0.0.1:5180 --count 200 --concurrency 8 --sqlite path/to/db
// --base takes a comma-separated list (several instances on one database): worker w talks to instance w mod n.
// --no-echo skips the echo run. --app-pid names the app's process (same machine, Linux): the CPU time it spent in each run
// is read from /proc and printed per operation. Every non-2xx answer is counted by step and status (the submit's 302 is followed to the
// receipt, which must answer 200).
var arguments = args.ToList();
string Arg(string name, string fallback) => arguments.IndexOf(name) is var i and >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : fallback;
var bases = Arg("--base", "http://127.0.0.1:5180").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(b => new Uri(b)).ToArray();
var baseAddress = bases[0];
var skipEcho = arguments.Contains("--no-echo");
var nonSuccess = new ConcurrentDictionary<string, int>();
void Count(string step, HttpStatusCode status)
{
    if ((int)status is < 200 or > 299)
    {
        nonSuccess.AddOrUpdate($"{step} {(int)status}", 1, (_, n) => n + 1);
    }
}
var count = int.Parse(Arg("--count", "200"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency", "8"), CultureInfo.InvariantCulture);
var sqlitePath = Arg("--sqlite", "");
var appPid = Arg("--app-pid", "");
var reportedRefusal = 0;

var imageA = NoiseJpeg(1, 1_000_000);
var imageB = NoiseJpeg(2, 1_000_000);
var pdf = MinimalPdf();
Console.WriteLine($"bodies: image A {imageA.Length:N0} B, image B {imageB.Length:N0} B, PDF {pdf.Length:N0} B; {count} submissions, concurrency {concurrency}");

int before = CountRows();
var echo = skipEcho ? new Result(1, 0, 1) : await RunAsync("echo (receive and parse only)", async (client, _, i) =>
{
    using var content = Multipart(null, i, imageA, imageB, pdf);
    using var response = await client.PostAsync(new Uri(baseAddress, "/bench/echo"), content);
    Count("echo", response.StatusCode);
    return response.StatusCode == HttpStatusCode.OK;
});
var intake = await RunAsync("intake (form → review → submit)", SubmitAsync);
int after = CountRows();

Console.WriteLine($"non-2xx answers: {nonSuccess.Values.Sum()}{string.Concat(nonSuccess.OrderBy(p => p.Key).Select(p => $"; {p.Key}: {p.Value}"))}");
Console.WriteLine();
if (!skipEcho)
{
    Console.WriteLine($"ratio intake/echo throughput: {intake.PerSecond / echo.PerSecond:P1}");
}

if (sqlitePath.Length > 0)
{
    Console.WriteLine($"rows: {after - before} new requests stored for {intake.Succeeded} successful submissions ({intake.Failed} failed) — {(after - before == intake.Succeeded ? "none lost" : "MISMATCH")}");
}

return intake.Failed == 0 && nonSuccess.IsEmpty && (sqlitePath.Length == 0 || after - before == intake.Succeeded) ? 0 : 1;

async Task<bool> SubmitAsync(HttpClient client, Uri baseAddress, int i)
{
    using var get = await client.GetAsync(new Uri(baseAddress, "/requests/disclosure"));
    Count("form", get.StatusCode);
    var form = await get.Content.ReadAsStringAsync();
    var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var draftKey = Regex.Match(form, "name=\"Input.DraftKey\" value=\"([^\"]+)\"").Groups[1].Value;
    using var content = Multipart(token, i, imageA, imageB, pdf, draftKey);
    using var review = await client.PostAsync(new Uri(baseAddress, "/requests/disclosure?handler=Review"), content);
    Count("review", review.StatusCode);
    var page = await review.Content.ReadAsStringAsync();
    var state = Regex.Match(page, "name=\"State\" value=\"([^\"]+)\"");
    if (!state.Success)
    {
        // The form refused the input (the form changed and this benchmark did not follow): say why, once.
        if (Interlocked.Exchange(ref reportedRefusal, 1) == 0)
        {
            var errors = Regex.Matches(page, "class=\"pd-error\"[^>]*>([^<]+)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim()));
            Console.WriteLine($"review refused the form: {string.Join(" / ", errors)}");
        }

        return false;
    }

    var confirmToken = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    using var submit = await client.PostAsync(new Uri(baseAddress, "/requests/disclosure?handler=Submit"), new FormUrlEncodedContent(
        new Dictionary<string, string> { ["__RequestVerificationToken"] = confirmToken, ["State"] = WebUtility.HtmlDecode(state.Groups[1].Value) }));
    if (submit.StatusCode != HttpStatusCode.Redirect || submit.Headers.Location is not { } location)
    {
        Count("submit", submit.StatusCode);
        return false;
    }

    // The form's post/redirect/get: the receipt must be there.
    using var receipt = await client.GetAsync(new Uri(baseAddress, location));
    Count("receipt", receipt.StatusCode);
    return receipt.StatusCode == HttpStatusCode.OK;
}

async Task<Result> RunAsync(string name, Func<HttpClient, Uri, int, Task<bool>> operation)
{
    var latencies = new ConcurrentBag<double>();
    int next = -1, ok = 0, failed = 0;
    var cpuBefore = AppCpuMilliseconds();
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async w =>
    {
        var instance = bases[w % bases.Length];
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            bool success;
            try
            {
                success = await operation(client, instance, i);
            }
            catch (HttpRequestException)
            {
                success = false;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref success ? ref ok : ref failed);
        }
    });
    await Task.WhenAll(workers);
    clock.Stop();
    var sorted = latencies.Order().ToArray();
    double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    var result = new Result(ok, failed, ok / clock.Elapsed.TotalSeconds);
    Console.WriteLine($"{name}: {ok} ok, {failed} failed in {clock.Elapsed.TotalSeconds:0.0} s = {result.PerSecond:0.0}/s; latency p50 {P(0.50):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms, max {sorted[^1]:0} ms");
    if (cpuBefore is { } cpuStart && AppCpuMilliseconds() is { } cpuEnd)
    {
        // Not starting with the run's name: scripts/bench.sh reads the rates from the lines that do.
        Console.WriteLine($"app CPU in {name.Split(' ')[0]}: {cpuEnd - cpuStart:0} ms, {(cpuEnd - cpuStart) / Math.Max(1, ok + failed):0} ms per operation");
    }

    return result;
}

MultipartFormDataContent Multipart(string? token, int i, byte[] a, byte[] b, byte[] authority, string draftKey = "")
{
    var content = new MultipartFormDataContent();
    void Field(string key, string value) => content.Add(new StringContent(value), key);
    if (token is not null)
    {
        Field("__RequestVerificationToken", token);
    }

    Field("Input.DraftKey", draftKey);
    foreach (var (key, value) in new Dictionary<string, string>
    {
        ["Input.Kinds"] = "Disclosure", ["Input.RequesterType"] = "VoluntaryAgent", ["Input.Delivery"] = "Electronic",
        ["Input.Principal.FullName"] = "ベンチ 花子", ["Input.Principal.FullNameKana"] = "ベンチ ハナコ",
        ["Input.Principal.BirthDate.Year"] = "1980", ["Input.Principal.BirthDate.Month"] = "4", ["Input.Principal.BirthDate.Day"] = "1",
        ["Input.Principal.PostalCode"] = "160-0022", ["Input.Principal.Prefecture"] = "東京都", ["Input.Principal.City"] = "新宿区新宿",
        ["Input.Principal.AddressLine"] = $"6-24-{i}", ["Input.Principal.Phone"] = "03-5285-1771",
        ["Input.Agent.FullName"] = "ベンチ 次郎", ["Input.Agent.FullNameKana"] = "ベンチ ジロウ",
        ["Input.Agent.BirthDate.Year"] = "1975", ["Input.Agent.BirthDate.Month"] = "1", ["Input.Agent.BirthDate.Day"] = "2",
        ["Input.Agent.PostalCode"] = "223-0061", ["Input.Agent.Prefecture"] = "神奈川県", ["Input.Agent.City"] = "横浜市港北区日吉",
        ["Input.Agent.AddressLine"] = "1-2-3", ["Input.Agent.Phone"] = "090-1234-5678", ["Input.Agent.Email"] = $"bench{i}@example.jp",
        ["Input.DataDescription"] = "共同購入の利用履歴", ["Input.PrincipalDocumentType"] = "DriversLicence",
        ["Input.AuthorityDocumentType"] = "PowerOfAttorney", ["Input.AgentDocumentType"] = "DriversLicence", ["Input.Consent"] = "true",
    })
    {
        Field(key, value);
    }

    void File(string key, byte[] bytes, string name, string type)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(part, key, name);
    }

    File("PrincipalDocument", a, "licence.jpg", "image/jpeg");
    File("AgentDocument", b, "passport.jpg", "image/jpeg");
    File("AuthorityDocument", authority, "inin.pdf", "application/pdf");
    return content;
}

// The app's user + system CPU time so far, from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms), or null.
double? AppCpuMilliseconds()
{
    if (appPid.Length == 0 || !File.Exists($"/proc/{appPid}/stat"))
    {
        return null;
    }

    var stat = File.ReadAllText($"/proc/{appPid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
}

int CountRows()
{
    if (sqlitePath.Length == 0)
    {
        return 0;
    }

    using var connection = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM Requests";
    return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

// A photo-like JPEG of about the target size: smooth gradients plus noise, as a phone photo of a card compresses.
static byte[] NoiseJpeg(int seed, int targetBytes)
{
    var random = new Random(seed);
    for (var side = 900; ; side += 100)
    {
        using var image = new Image<Rgb24>(side * 4 / 3, side);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x + random.Next(40)), (byte)(y + random.Next(40)), (byte)((x ^ y) + random.Next(40)));
                }
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90 });
        if (stream.Length >= targetBytes)
        {
            return stream.ToArray();
        }
    }
}

static byte[] MinimalPdf()
{
    const string body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n";
    var xref = body.Length;
    var offsets = new[] { body.IndexOf("1 0 obj", StringComparison.Ordinal), body.IndexOf("2 0 obj", StringComparison.Ordinal), body.IndexOf("3 0 obj", StringComparison.Ordinal) };
    var text = body + "xref\n0 4\n0000000000 65535 f \n" + string.Concat(offsets.Select(o => $"{o:D10} 00000 n \n")) +
        $"trailer << /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n";
    return System.Text.Encoding.ASCII.GetBytes(text);
}

internal sealed record Result(int Succeeded, int Failed, double PerSecond);
