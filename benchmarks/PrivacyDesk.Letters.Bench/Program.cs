using System.Diagnostics;
using System.Globalization;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Samples;

// Usage:
//   render <dir>               writes one PDF per letter kind and per blank form into <dir>
//   bench [--seconds S]        first letter in the process, then warm single-threaded generation of one-page letters
var started = Stopwatch.GetTimestamp();
var mode = args.Length > 0 ? args[0] : "bench";
var engine = LetterEngine.CreateWithPdfSharp(new LetterOptions(), LetterSamples.Settings, AppContext.BaseDirectory);
var engineMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

if (mode == "render")
{
    var dir = args.Length > 1 ? args[1] : "artifacts/letters";
    Directory.CreateDirectory(dir);
    foreach (var kind in LetterKinds.All)
    {
        var pdf = engine.Render(kind, LetterSamples.For(kind), LetterSamples.LetterDate);
        File.WriteAllBytes(Path.Combine(dir, $"{LetterKinds.Code(kind)}.pdf"), pdf);
    }

    foreach (var family in Enum.GetValues<RequestFamily>())
    {
        var name = family switch { RequestFamily.Disclosure => "form-disclosure", RequestFamily.Correction => "form-correction", _ => "form-stop-use" };
        File.WriteAllBytes(Path.Combine(dir, $"{name}.pdf"), engine.BlankForm(family, LetterSamples.LetterDate));
    }

    File.WriteAllBytes(Path.Combine(dir, "form-power-of-attorney.pdf"), engine.PowerOfAttorneyForm());
    Console.WriteLine($"wrote {LetterKinds.All.Count} letters, 3 blank forms and the 委任状 template to {dir}");
    return 0;
}

var seconds = args.Length > 2 && args[1] == "--seconds" ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;

// First letter: everything a fresh process pays (font file read and parse, JIT, first widths), measured from Main.
var acknowledgement = LetterSamples.For(LetterKind.Acknowledgement);
var first = engine.Render(LetterKind.Acknowledgement, acknowledgement, LetterSamples.LetterDate);
var firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
var firstCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
Console.WriteLine($"first letter in process: {firstMs:F0} ms ({first.Length:N0} bytes), process start to Main excluded; {firstCpu:F0} ms CPU since the process started");
Console.WriteLine($"  of which the engine (font file read and parsed, widths warmed): {engineMs:F0} ms, then the letter itself: {firstMs - engineMs:F0} ms");

// Warm: one-page letters of the common kinds, round robin, single thread; composition + layout + PDF bytes.
LetterKind[] onePage = [LetterKind.Acknowledgement, LetterKind.FeeNotice, LetterKind.Deficiency, LetterKind.NonDisclosure, LetterKind.CoverLetter];
var requests = onePage.Select(k => (Kind: k, Request: LetterSamples.For(k))).ToArray();
for (var i = 0; i < 200; i++)
{
    var (kind, request) = requests[i % requests.Length];
    engine.Render(kind, request, LetterSamples.LetterDate);
}

var count = 0;
long bytes = 0;
var clock = Stopwatch.StartNew();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
while (clock.Elapsed.TotalSeconds < seconds)
{
    var (kind, request) = requests[count % requests.Length];
    bytes += engine.Render(kind, request, LetterSamples.LetterDate).Length;
    count++;
}

clock.Stop();
if (count == 0)
{
    return 0; // --seconds 0: the first letter only
}

var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
var perLetter = clock.Elapsed.TotalMilliseconds / count;
Console.WriteLine($"warm: {count} letters in {clock.Elapsed.TotalSeconds:F1} s: {perLetter:F2} ms per letter (wall), {count / clock.Elapsed.TotalSeconds:F0} letters/s, " +
    $"{cpu / count:F2} ms CPU per letter, average {bytes / count:N0} bytes");
return 0;
