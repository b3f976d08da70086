//! The search page in a real browser: headless Chromium driven through
//! chromedriver against a real server on loopback, over an index built from
//! the bundled articles plus a hostile one and some filler.
//!
//! Needs Debian's `chromium` and `chromium-driver` packages (or the programs
//! named by `WARTA_CHROMEDRIVER` and `WARTA_CHROMIUM`). Without them the
//! tests fail, saying so, unless `WARTA_SKIP_BROWSER=1`.
//! Screenshots land in `target/screenshots/` of the workspace.

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::error::Error;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use warta_analysis::Analyzer;
use warta_e2e::{bundled_articles, find_executable, free_port, workspace_root};
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::{read_sources, Item};

type TestResult = Result<(), Box<dyn Error + Send + Sync>>;

/// The hostile article's headline, which must show as text.
const HOSTILE_TITLE: &str = "<script>window.__xss=1</script> Hostile";
/// English filler articles mentioning telegram, so that results paginate.
const FILLERS: usize = 12;

/// Either the browser tools, or the reason the test does not run.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    if std::env::var("WARTA_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("WARTA_SKIP_BROWSER=1: skipping the browser test");
        return None;
    }
    // WARTA_CHROMEDRIVER / WARTA_CHROMIUM name the programs explicitly.
    let tool = |var: &str, name: &str, default: &str| match std::env::var_os(var) {
        Some(path) => Some(PathBuf::from(path)).filter(|p| p.is_file()),
        None => find_executable(name, &[default]),
    };
    let driver = tool(
        "WARTA_CHROMEDRIVER",
        "chromedriver",
        "/usr/bin/chromedriver",
    );
    let browser = tool("WARTA_CHROMIUM", "chromium", "/usr/bin/chromium");
    match (driver, browser) {
        (Some(driver), Some(browser)) => Some((driver, browser)),
        _ => panic!(
            "the browser tests need chromedriver and Chromium: install them with \
             `apt-get install chromium chromium-driver` (CI installs them), \
             or set WARTA_SKIP_BROWSER=1 to skip these tests"
        ),
    }
}

/// Writes the hostile article and the fillers as JSON Lines.
fn write_extra_articles(dir: &Path) -> std::io::Result<PathBuf> {
    let mut lines = vec![json!({
        "id": "hostile-1",
        "lang": "en",
        "title": HOSTILE_TITLE,
        "body": "Telegram channels spread this page.\n\n\
                 <img src=x onerror=\"window.__xss=2\"> An image that must not load.\n\n\
                 Click javascript:alert(1) to see nothing happen.",
        "date": "2024-10-01",
        "source": "evil.example",
        "url": "javascript:alert(1)"
    })];
    let sources = ["reuters.com", "theguardian.com", "apnews.com"];
    for n in 1..=FILLERS {
        lines.push(json!({
            "id": format!("filler-{n:02}"),
            "lang": "en",
            "title": format!("Messaging update number {n} reaches millions of users"),
            "body": format!(
                "A popular messaging service announced update {n} on Tuesday, with changes \
                 that its users had asked for over many months of public discussion.\n\n\
                 Users of the app reported faster downloads, smaller files and new privacy \
                 settings that hide their phone numbers from strangers in large groups. \
                 Analysts said the change mattered for journalists and activists who rely on \
                 channels to reach readers, and compared it with rivals such as Telegram, \
                 Signal and WhatsApp, which announced similar features earlier this year.\n\n\
                 The company said more features would follow before the end of the year."
            ),
            "date": format!("2023-{:02}-{:02}", (n % 12) + 1, (n % 27) + 1),
            "source": sources[n % sources.len()],
            "url": format!("https://example.org/telegram/{n}")
        }));
    }
    let path = dir.join("extra.jsonl");
    let text: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&path, text.join("\n") + "\n")?;
    Ok(path)
}

/// Builds the index in `dir/index` and returns its path.
fn build_index(dir: &Path) -> Result<PathBuf, Box<dyn Error + Send + Sync>> {
    let extra = write_extra_articles(dir)?;
    let index = dir.join("index");
    let options = IndexerOptions {
        memory_budget: 64 * 1024 * 1024,
        threads: Some(1),
        ..IndexerOptions::default()
    };
    let mut indexer = Indexer::open(&index, Arc::new(Analyzer::default()), &options)?;
    let mut added = 0;
    for item in read_sources(&[bundled_articles(), extra]) {
        match item {
            Item::Article(article) => {
                indexer.add(&article)?;
                added += 1;
            }
            Item::Skipped(skip) => return Err(format!("skipped {skip:?}").into()),
        }
    }
    indexer.finish()?;
    assert!(added > FILLERS + 1, "only {added} articles indexed");
    Ok(index)
}

/// Serves `index` on an ephemeral loopback port; returns the base URL.
async fn start_server(index: &Path) -> Result<String, Box<dyn Error + Send + Sync>> {
    let engine = warta_search::TantivyEngine::open(index, Arc::new(Analyzer::default()))?;
    let state = warta_server::AppState::new(Arc::new(engine));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = warta_server::serve_on(listener, state, std::future::pending()).await;
    });
    Ok(format!("http://{addr}"))
}

/// A running chromedriver, stopped on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(path: &Path) -> Result<Driver, Box<dyn Error + Send + Sync>> {
        let port = free_port()?;
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", path.display()))?;
        let mut driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = driver.child.try_wait()? {
                return Err(format!("chromedriver exited at start: {status}").into());
            }
            if started.elapsed() > Duration::from_secs(20) {
                return Err("chromedriver did not listen within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens a headless Chromium session, JavaScript on or off.
async fn open_browser(
    driver: &Driver,
    chromium: &Path,
    profile: &Path,
    javascript: bool,
) -> Result<Client, Box<dyn Error + Send + Sync>> {
    let mut prefs = json!({ "intl.accept_languages": "en-US,en" });
    if !javascript {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium.display().to_string(),
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--lang=en-US",
                "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": prefs,
        }),
    );
    Ok(ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await?)
}

/// Runs `body` in a browser session (JavaScript on or off) against a fresh
/// server, closing the browser whatever happens.
async fn with_browser<F, Fut>(javascript: bool, body: F)
where
    F: FnOnce(Client, String) -> Fut,
    Fut: std::future::Future<Output = TestResult> + Send + 'static,
{
    let Some((driver_path, chromium)) = browser_tools() else {
        return;
    };
    let dir = TempDir::new().expect("temp dir");
    let index = build_index(dir.path()).expect("building the index");
    let base = start_server(&index).await.expect("starting the server");
    let driver = Driver::start(&driver_path).expect("starting chromedriver");
    let profile = TempDir::new().expect("profile dir");
    let client = open_browser(&driver, &chromium, profile.path(), javascript)
        .await
        .expect("opening a Chromium session");
    let outcome = tokio::spawn(body(client.clone(), base)).await;
    let _ = client.close().await;
    drop(driver);
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(err)) => panic!("browser test failed: {err}"),
        Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
        Err(join) => panic!("browser test task: {join}"),
    }
}

/// Waits until the address contains every one of `needles`.
async fn wait_for_url(
    client: &Client,
    needles: &[&str],
) -> Result<String, Box<dyn Error + Send + Sync>> {
    let started = Instant::now();
    loop {
        let url = client.current_url().await?.to_string();
        if needles.iter().all(|n| url.contains(n)) {
            return Ok(url);
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("the address {url} never contained {needles:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The value of `attr` on every element matching `css`.
async fn attrs(
    client: &Client,
    css: &str,
    attr: &str,
) -> Result<Vec<String>, Box<dyn Error + Send + Sync>> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await? {
        out.push(element.attr(attr).await?.unwrap_or_default());
    }
    Ok(out)
}

/// The text of every element matching `css`.
async fn texts(client: &Client, css: &str) -> Result<Vec<String>, Box<dyn Error + Send + Sync>> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await? {
        out.push(element.text().await?);
    }
    Ok(out)
}

/// Saves a screenshot as `target/screenshots/<name>.png` of the workspace.
async fn screenshot(client: &Client, name: &str) -> TestResult {
    let dir = workspace_root().join("target").join("screenshots");
    std::fs::create_dir_all(&dir)?;
    let png = client.screenshot().await?;
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}

/// Desktop and phone-width screenshots of the current page.
async fn screenshots(client: &Client, name: &str) -> TestResult {
    screenshot(client, name).await?;
    client.set_window_size(375, 812).await?;
    screenshot(client, &format!("{name}-phone")).await?;
    client.set_window_size(1280, 1000).await?;
    Ok(())
}

/// Fails when any script planted by the hostile article ran.
async fn assert_no_xss(client: &Client) -> TestResult {
    let planted = client
        .execute("return typeof window.__xss;", Vec::new())
        .await?;
    assert_eq!(planted, json!("undefined"), "a hostile script ran");
    let images = client.find_all(Locator::Css("img")).await?;
    assert!(images.is_empty(), "a hostile image became an element");
    let script_links = client
        .find_all(Locator::Css("a[href^='javascript:' i]"))
        .await?;
    assert!(
        script_links.is_empty(),
        "a javascript: address became a link"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_filter_and_read_with_javascript() {
    with_browser(true, |client, base| async move {
        client.goto(&format!("{base}/")).await?;
        let html = client.find(Locator::Css("html")).await?;
        assert_eq!(html.attr("lang").await?.as_deref(), Some("en"));
        assert!(
            html.attr("class").await?.unwrap_or_default().contains("js"),
            "app.js did not run"
        );

        // Search from the box.
        let box_ = client.find(Locator::Css("input#q")).await?;
        box_.send_keys("telegram").await?;
        client
            .find(Locator::Css("form.search-form button.primary"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["/search?", "q=telegram"]).await?;
        let count = client
            .find(Locator::Css("#result-count"))
            .await?
            .text()
            .await?;
        // The two Indonesian Telegram pages are one story: the count says
        // both articles and stories.
        assert!(count.contains("stories"), "count: {count}");
        assert_eq!(
            client
                .find(Locator::Css("input#q"))
                .await?
                .prop("value")
                .await?
                .as_deref(),
            Some("telegram"),
            "the box keeps the query"
        );
        let marks = texts(&client, ".snippet mark").await?;
        assert!(!marks.is_empty(), "no highlighted matches");
        assert!(
            marks.iter().all(|m| m.to_lowercase().contains("telegram")),
            "{marks:?}"
        );
        let titles = texts(&client, ".hit-title a").await?;
        assert!(
            titles.iter().any(|t| t == HOSTILE_TITLE),
            "the hostile title is not shown as text: {titles:?}"
        );
        assert_no_xss(&client).await?;
        screenshots(&client, "results").await?;

        // Filter by language with the facet.
        client
            .find(Locator::Css("a.facet-link[data-facet='en']"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["lang=en", "q=telegram"]).await?;
        let badges = attrs(&client, ".hit .badge", "data-lang").await?;
        assert!(!badges.is_empty(), "no hits after filtering");
        assert!(badges.iter().all(|b| b == "en"), "badges: {badges:?}");
        let chips = texts(&client, ".active-filters .chip").await?;
        assert!(
            chips.iter().any(|c| c.contains("English")),
            "chips: {chips:?}"
        );
        let filtered_url = client.current_url().await?.to_string();

        // Open an ordinary article: the query's words are marked.
        let link = client
            .find(Locator::XPath(
                "//h3[@class='hit-title']/a[starts-with(normalize-space(.), 'Messaging update')]",
            ))
            .await?;
        link.click().await?;
        wait_for_url(&client, &["/articles/", "q=telegram", "lang=en"]).await?;
        let marked = texts(&client, ".article-body mark").await?;
        assert!(!marked.is_empty(), "no highlighted words in the article");
        assert!(
            marked.iter().all(|m| m.eq_ignore_ascii_case("telegram")),
            "{marked:?}"
        );
        let original = client
            .find(Locator::Css(".article-meta a[href^='https://']"))
            .await?;
        assert_eq!(
            original.attr("rel").await?.as_deref(),
            Some("noopener noreferrer nofollow")
        );
        assert_no_xss(&client).await?;
        screenshots(&client, "article").await?;

        // Back with the browser: the filtered results again.
        client.back().await?;
        wait_for_url(&client, &["/search?", "lang=en"]).await?;

        // The hostile article: everything shows as text, nothing runs.
        client
            .find(Locator::XPath(
                "//h3[@class='hit-title']/a[contains(., 'Hostile')]",
            ))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["/articles/hostile-1"]).await?;
        let heading = client
            .find(Locator::Css("article h1"))
            .await?
            .text()
            .await?;
        assert_eq!(heading, HOSTILE_TITLE);
        let body = client
            .find(Locator::Css(".article-body"))
            .await?
            .text()
            .await?;
        assert!(
            body.contains("<img src=x onerror=\"window.__xss=2\">"),
            "{body}"
        );
        assert!(body.contains("javascript:alert(1)"), "{body}");
        assert_no_xss(&client).await?;

        // The page's own link back keeps every parameter.
        client.find(Locator::Css("a.back")).await?.click().await?;
        let back = wait_for_url(&client, &["/search?"]).await?;
        assert_eq!(back, filtered_url);
        assert_no_xss(&client).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_filter_and_page_without_javascript() {
    with_browser(false, |client, base| async move {
        client.goto(&format!("{base}/")).await?;
        let html = client.find(Locator::Css("html")).await?;
        assert!(
            !html.attr("class").await?.unwrap_or_default().contains("js"),
            "JavaScript is supposed to be off"
        );

        // The plain form.
        client
            .find(Locator::Css("input#q"))
            .await?
            .send_keys("telegram")
            .await?;
        client
            .find(Locator::Css("form.search-form button.primary"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["/search?", "q=telegram", "ui=en"]).await?;
        assert!(!client.find_all(Locator::Css(".hit")).await?.is_empty());

        // A facet link.
        client
            .find(Locator::Css("a.facet-link[data-facet='en']"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["lang=en"]).await?;
        let first_page = attrs(&client, ".hit .badge", "data-lang").await?;
        assert_eq!(first_page.len(), 10, "a full first page");
        assert!(first_page.iter().all(|b| b == "en"));

        // The next page, by link.
        client
            .find(Locator::Css("nav.pager a[rel='next']"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["lang=en", "page=2"]).await?;
        let current = client
            .find(Locator::Css("nav.pager a[aria-current='page']"))
            .await?
            .text()
            .await?;
        assert_eq!(current, "2");
        assert_eq!(
            client
                .find(Locator::Css("ol.hits"))
                .await?
                .attr("start")
                .await?
                .as_deref(),
            Some("11")
        );
        let second_page = attrs(&client, ".hit .badge", "data-lang").await?;
        assert!(!second_page.is_empty() && second_page.iter().all(|b| b == "en"));
        screenshot(&client, "results-nojs-page2").await?;

        // Newest first, through the options form.
        client
            .find(Locator::Css("details.options summary"))
            .await?
            .click()
            .await?;
        client
            .find(Locator::Css("select#sort"))
            .await?
            .select_by_value("date")
            .await?;
        client
            .find(Locator::Css(".field.apply button"))
            .await?
            .click()
            .await?;
        let url = wait_for_url(&client, &["sort=date", "lang=en", "q=telegram"]).await?;
        assert!(
            !url.contains("page=2"),
            "a new order starts on page 1: {url}"
        );
        let dates = attrs(&client, ".hit time", "datetime").await?;
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");

        // Switch the interface to Indonesian; the search stays.
        client
            .find(Locator::Css(".ui-switch a"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["ui=id", "sort=date", "lang=en"]).await?;
        let html = client.find(Locator::Css("html")).await?;
        assert_eq!(html.attr("lang").await?.as_deref(), Some("id"));
        let count = client
            .find(Locator::Css("#result-count"))
            .await?
            .text()
            .await?;
        assert!(count.contains("hasil"), "count: {count}");
        assert_eq!(
            client
                .find(Locator::Css("input[name='ui']"))
                .await?
                .attr("value")
                .await?
                .as_deref(),
            Some("id")
        );
        Ok(())
    })
    .await;
}

/// Waits until `css` matches an element that is displayed.
async fn wait_displayed(client: &Client, css: &str) -> TestResult {
    let started = Instant::now();
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            if element.is_displayed().await.unwrap_or(false) {
                return Ok(());
            }
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("{css} never showed").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// See: issue 26: suggestions as one types, by keyboard, announced as an
/// ARIA combobox; the page without JavaScript has a plain box.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_as_you_type_by_keyboard() {
    with_browser(true, |client, base| async move {
        client.goto(&format!("{base}/?ui=en")).await?;
        let box_ = client.find(Locator::Css("input#q")).await?;
        assert_eq!(box_.attr("role").await?.as_deref(), Some("combobox"));
        assert_eq!(box_.attr("aria-expanded").await?.as_deref(), Some("false"));
        box_.send_keys("isis tele").await?;
        wait_displayed(&client, "#q-suggestions li[role='option']").await?;
        assert_eq!(box_.attr("aria-expanded").await?.as_deref(), Some("true"));
        assert_eq!(
            box_.attr("aria-controls").await?.as_deref(),
            Some("q-suggestions")
        );
        let labels = texts(&client, "#q-suggestions .suggestion-label").await?;
        assert_eq!(
            labels.first().map(String::as_str),
            Some("isis telegram"),
            "{labels:?}"
        );
        let announced = client
            .find(Locator::Css(".search-bar [role='status']"))
            .await?
            .text()
            .await?;
        assert!(announced.contains("suggestions"), "{announced:?}");
        screenshot(&client, "suggestions").await?;

        // Down selects the first; Escape closes; Down opens again.
        box_.send_keys("\u{E015}").await?;
        assert_eq!(
            box_.attr("aria-activedescendant").await?.as_deref(),
            Some("q-suggestion-0")
        );
        let selected = attrs(&client, "#q-suggestions li", "aria-selected").await?;
        assert_eq!(
            selected.first().map(String::as_str),
            Some("true"),
            "{selected:?}"
        );
        box_.send_keys("\u{E00C}").await?;
        assert_eq!(box_.attr("aria-expanded").await?.as_deref(), Some("false"));
        assert!(box_.attr("aria-activedescendant").await?.is_none());
        box_.send_keys("\u{E015}").await?;
        wait_displayed(&client, "#q-suggestions li[role='option']").await?;
        box_.send_keys("\u{E015}").await?;
        // Enter searches the suggestion chosen.
        box_.send_keys("\u{E007}").await?;
        wait_for_url(&client, &["/search?", "q=isis+telegram"]).await?;
        let count = client
            .find(Locator::Css("#result-count"))
            .await?
            .text()
            .await?;
        assert!(!count.starts_with('0'), "{count}");
        assert_no_xss(&client).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_box_is_a_plain_search_box() {
    with_browser(false, |client, base| async move {
        client.goto(&format!("{base}/?ui=en")).await?;
        let box_ = client.find(Locator::Css("input#q")).await?;
        assert!(box_.attr("role").await?.is_none());
        assert!(client
            .find_all(Locator::Css("#q-suggestions"))
            .await?
            .is_empty());
        box_.send_keys("durof").await?;
        client
            .find(Locator::Css("form.search-form button.primary"))
            .await?
            .click()
            .await?;
        wait_for_url(&client, &["/search?", "q=durof"]).await?;
        let respelled = client
            .find(Locator::Css("#respelled"))
            .await?
            .text()
            .await?;
        assert!(
            respelled.contains("Showing results for durov"),
            "{respelled}"
        );
        Ok(())
    })
    .await;
}
