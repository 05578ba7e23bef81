using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Pipes.Tests.Docs;

/// <summary>
/// Headless Chromium driven through chromedriver (Debian's chromium and chromium-driver; .ci/run installs them).
/// No browser is downloaded: a missing one fails the tests with how to install it, it never skips them.
/// </summary>
public sealed class Chromium : IDisposable
{
    private readonly ChromeDriver _driver;
    private Chromium(ChromeDriver driver) => _driver = driver;

    public static string? BrowserPath => Environment.GetEnvironmentVariable("PIPES_CHROMIUM")
        ?? new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static string? DriverPath => Environment.GetEnvironmentVariable("PIPES_CHROMEDRIVER")
        ?? new[] { "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver" }.FirstOrDefault(File.Exists);

    public static Chromium Start()
    {
        if (BrowserPath is not { } browser || DriverPath is not { } driver)
            throw new InvalidOperationException("the docs site tests need Chromium and chromedriver: apt-get install -y chromium chromium-driver " +
                "(or set PIPES_CHROMIUM and PIPES_CHROMEDRIVER); .ci/run installs them");
        // An explicit driver path keeps Selenium Manager from trying to download one.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000", "--hide-scrollbars");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        return new Chromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    /// <summary>Loads a page and waits until the site has drawn it.</summary>
    public void Open(string url)
    {
        _driver.Navigate().GoToUrl(url);
        WaitFor("window.pipesDocsView && window.pipesDocsView.ready === true", url);
    }

    /// <summary>Goes to another page of the already-open site (#/…) and waits until it is drawn.</summary>
    public void Go(string hash)
    {
        Js("window.pipesDocsView.ready = false; location.hash = arguments[0];", hash);
        WaitFor("window.pipesDocsView.ready === true", hash);
    }

    public object? Js(string script, params object[] args) => _driver.ExecuteScript(script, args);

    public T Js<T>(string script, params object[] args) => (T)Convert.ChangeType(Js(script, args)!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    public string Text(string css) => _driver.FindElement(By.CssSelector(css)).Text;

    public IReadOnlyList<string> Texts(string css) => _driver.FindElements(By.CssSelector(css)).Select(e => e.Text).ToList();

    public IWebElement Find(string css) => _driver.FindElement(By.CssSelector(css));

    public void Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _driver.GetScreenshot().SaveAsFile(path);
    }

    /// <summary>Console errors and uncaught exceptions (SEVERE entries of the browser's log) since the last call.</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        _driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level == LogLevel.Severe).Select(e => e.Message).ToList();

    private void WaitFor(string condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!Equals(Js("return !!(" + condition + ");"), true))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"the page {what} was not drawn within 20 s; console: {string.Join(" | ", ConsoleErrors())}");
            Thread.Sleep(50);
        }
    }

    public void Dispose() => _driver.Quit();
}
