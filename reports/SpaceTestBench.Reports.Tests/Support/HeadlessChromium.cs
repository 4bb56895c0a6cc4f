using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpaceTestBench.Reports.Tests.Support;

/// <summary>
/// A real headless Chromium, driven over the DevTools protocol: open a page, evaluate script in it,
/// take a screenshot. The browser runs with every background network feature off and a fresh profile.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    public const string InstallHint = "Install it: apt-get update && apt-get install -y chromium (or set SPACEBENCH_CHROMIUM to a Chromium executable).";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private int _nextId;

    private HeadlessChromium(Process process, ClientWebSocket socket, string profile) => (_process, _socket, _profile) = (process, socket, profile);

    /// <summary>The Chromium executable, or null if none is installed.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SPACEBENCH_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Path.Combine(Path.GetTempPath(), "stb-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", $"--user-data-dir={profile}",
            "--remote-debugging-port=0", "--window-size=1280,2000", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        using var timeout = new CancellationTokenSource(Patience);
        string? browserSocket = null;
        while (browserSocket is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (DevToolsLine().Match(line) is { Success: true } match)
            {
                browserSocket = match.Groups[1].Value;
            }
        }

        if (browserSocket is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Chromium did not announce its DevTools endpoint.");
        }

        // Keep draining stderr so the browser never blocks on a full pipe.
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var port = new Uri(browserSocket).Port;
        using var http = new HttpClient();
        var targets = await http.GetFromJsonAsync<JsonArray>(new Uri($"http://127.0.0.1:{port}/json/list"), timeout.Token)
            ?? throw new InvalidOperationException("Chromium listed no targets.");
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
        var browser = new HeadlessChromium(process, socket, profile);
        await browser.SendAsync("Page.enable", new JsonObject());
        await browser.SendAsync("Runtime.enable", new JsonObject());
        return browser;
    }

    /// <summary>Opens <paramref name="file"/> and waits until it has loaded, images included.</summary>
    public async Task OpenAsync(string file)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(file).AbsoluteUri });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            var state = await EvaluateAsync("document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)");
            if (state?.GetValue<bool>() == true)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{file} did not finish loading.");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"Script failed in the page: {error.ToJsonString()}");
        }

        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>A PNG screenshot of the whole page.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String((string)result["data"]!);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be releasing its profile; a temp folder left behind harms nothing.
        }
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = ++_nextId;
        var request = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
        while (true)
        {
            var message = await ReceiveAsync(timeout.Token);
            if (message["id"] is { } answered && answered.GetValue<int>() == id)
            {
                return message["error"] is { } error
                    ? throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}")
                    : message["result"] ?? new JsonObject();
            }
        }
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(message.ToArray()) ?? new JsonObject();
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
