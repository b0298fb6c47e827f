//! Every word papershelf writes itself, one table per language: the app's
//! labels, notices and errors, the first view's, the boot code's, what
//! `publish` writes into pages and feeds. The site's `language`
//! (`papershelf.toml`) picks the table, never the reader's browser; the site
//! may replace any message (`[messages]`, by key).
//!
//! A message is text with `{name}` slots ([`fill`]). A count has two keys,
//! `<key>.one` and `<key>.other`, picked by the number ([`Messages::count`]):
//! Korean has no plural, so its two are the same. Dates are messages too
//! (`date`, `date.weekday`, `month.N`, `weekday.N`), so a site can write them
//! its own way. The browser gets one table, the site's, with its overrides,
//! in the page (`app_page.rs`) and in `content/_papershelf/messages.json`;
//! `tests/rules/messages.json` holds the cases the Rust and the JavaScript
//! reading of it are both tested against.

use std::collections::BTreeMap;

/// A language papershelf has a table for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English, the table for any language without one of its own.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// The table for the language tag `tag` (`ko`, `ko-KR`, `en-US`), and
    /// whether papershelf has one for it: any other tag gets English.
    pub fn of(tag: &str) -> (Lang, bool) {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "ko" => (Lang::Ko, true),
            "en" => (Lang::En, true),
            _ => (Lang::En, false),
        }
    }

    /// Its table, every key with its text.
    pub fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => EN,
            Lang::Ko => KO,
        }
    }

    /// Its tag, as the table's `lang` key and `<html lang>` without a site's own.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

/// The English table.
pub const EN: &[(&str, &str)] = &[
    ("lang", "en"),
    // The top of every page.
    ("skip", "Skip to content"),
    ("nav.label", "Sections"),
    ("nav.posts", "Posts"),
    ("nav.papers", "Papers"),
    ("nav.tags", "Tags"),
    ("nav.archive", "Archive"),
    ("search.label", "Search the reviews"),
    ("search.placeholder", "Search reviews  /"),
    ("theme.system", "Theme: system"),
    ("theme.light", "Theme: light"),
    ("theme.dark", "Theme: dark"),
    ("loading.app", "Loading {site}…"),
    ("noscript", "{site} needs JavaScript and WebAssembly to show the posts. Turn JavaScript on for this site and reload."),
    ("old-browser", "papershelf needs a current browser (with JavaScript modules and WebAssembly). Open the site in an up-to-date Chrome, Firefox, Safari or Edge."),
    // Lists.
    ("title.posts", "Posts"),
    ("title.papers", "Papers"),
    ("title.tags", "Tags"),
    ("title.archive", "Archive"),
    ("title.search", "Search"),
    ("count.posts.one", "1 post"),
    ("count.posts.other", "{n} posts"),
    ("count.papers.one", "1 paper"),
    ("count.papers.other", "{n} papers"),
    ("count.results.one", "1 result"),
    ("count.results.other", "{n} results"),
    ("count.tags.one", "1 tag"),
    ("count.tags.other", "{n} tags"),
    ("filter.posts", "Filter posts"),
    ("filter.papers", "Filter papers"),
    ("filter.results", "Filter results"),
    ("filter.box.posts", "Search posts by title"),
    ("filter.box.papers", "Search papers by title"),
    ("filter.placeholder.posts", "Search posts by title…"),
    ("filter.placeholder.papers", "Search papers by title…"),
    ("filter.selected", "Selected tags"),
    ("filter.remove", "Remove tag {tag}"),
    ("filter.match", "Match"),
    ("filter.all", "all tags"),
    ("filter.any", "any tag"),
    ("filter.clear", "Clear all"),
    ("filter.add", "Add a tag"),
    ("unit.posts.one", " post"),
    ("unit.posts.other", " posts"),
    ("unit.papers.one", " paper"),
    ("unit.papers.other", " papers"),
    ("unit.results.one", " result"),
    ("unit.results.other", " results"),
    ("filter.more.one", "1 more tag"),
    ("filter.more.other", "{n} more tags"),
    ("filter.fewer", "Fewer tags"),
    ("more.one", "Show 1 more ({left} left)"),
    ("more.other", "Show {n} more ({left} left)"),
    ("empty.posts", "No posts match. Remove a tag or change the search."),
    ("empty.papers", "No papers match. Remove a tag or change the search."),
    ("review", "Review, {date}"),
    ("paper.source", "Paper"),
    ("paper.abstract", "Abstract"),
    ("paper.pdf", "PDF"),
    ("paper.hf", "Hugging Face"),
    ("paper.reviews.one", "1 review"),
    ("paper.reviews.other", "{n} reviews"),
    ("paper.missing", "Paper not found"),
    ("paper.missing.text", "No reviewed paper is named {key}. Its reviews may have been renamed or removed; the papers page lists every paper."),
    ("papers.again", "Reviewed more than once"),
    ("bibtex", "BibTeX"),
    ("bibtex.post", "BibTeX of this post's papers"),
    ("bibtex.copy", "Copy BibTeX"),
    ("bibtex.copied", "BibTeX copied."),
    ("preview.more", "+ {n} more"),
    ("new", "New"),
    ("new.count.one", "1 new post since your last visit"),
    ("new.count.other", "{n} new posts since your last visit"),
    ("cited.title", "Cited by"),
    ("cited.all.one", "Show the 1 citation"),
    ("cited.all.other", "Show all {n}"),
    ("tags.tag", "Tag"),
    ("tags.papers", "Papers"),
    ("tags.posts", "Posts"),
    // A post.
    ("back.posts", "← All posts"),
    ("back.papers", "← Papers"),
    ("back.search", "← Search results"),
    ("toc", "Papers in this post"),
    ("authors", "Authors"),
    ("minutes", "{n} min read"),
    ("copy", "Copy link"),
    ("copy.post", "Copy this post's link"),
    ("copy.heading", "Copy the link to “{title}”"),
    ("copy.section", "Copy the link to this section"),
    ("copy.done", "Copied"),
    ("copy.failed", "Not copied"),
    ("copy.status.done", "Link copied."),
    ("copy.status.failed", "The link could not be copied."),
    ("copy.prompt", "Copy this link:"),
    ("post.nav", "More posts"),
    ("post.missing", "Post not found"),
    ("post.missing.text", "There is no post {path}. It may have been renamed or removed."),
    ("page.missing", "Page not found"),
    ("page.missing.text", "There is no page at {path}."),
    ("all", "See all posts"),
    // Dates.
    ("date", "{month} {day}, {year}"),
    ("date.weekday", "{weekday}, {date}"),
    ("month.1", "January"),
    ("month.2", "February"),
    ("month.3", "March"),
    ("month.4", "April"),
    ("month.5", "May"),
    ("month.6", "June"),
    ("month.7", "July"),
    ("month.8", "August"),
    ("month.9", "September"),
    ("month.10", "October"),
    ("month.11", "November"),
    ("month.12", "December"),
    ("month.title", "{month} {year}"),
    ("weekday.0", "Sunday"),
    ("weekday.1", "Monday"),
    ("weekday.2", "Tuesday"),
    ("weekday.3", "Wednesday"),
    ("weekday.4", "Thursday"),
    ("weekday.5", "Friday"),
    ("weekday.6", "Saturday"),
    ("undated", "Docs"),
    // Search.
    ("search.hint", "Type words to search the reviews: a method (GRPO), a Korean term (강화학습), \"a phrase\". Press / or Ctrl+K to search from any page."),
    ("search.running", "Searching…"),
    ("search.none", "Nothing found for “{query}”. Check the spelling, use fewer words, or remove a tag."),
    ("search.found.one", "1 post matches “{query}”"),
    ("search.found.other", "{n} posts match “{query}”"),
    ("search.title", "{query} · Search"),
    ("search.no-index", "This site has no search index yet ({url} was not found). Whoever publishes it runs `papershelf index` (or `make dist`) and deploys again. The posts, papers and tags work meanwhile."),
    ("search.piece", "Part of the search index could not be loaded: {why}"),
    ("search.broken", "The search index cannot be read: {why}."),
    ("search.engine", "The search engine could not be loaded ({why}). Check your connection and try again."),
    // Loading and errors.
    ("loading", "Loading {what}…"),
    ("loading.posts", "the posts"),
    ("loading.papers", "the papers"),
    ("loading.tags", "the tags"),
    ("loading.archive", "the archive"),
    ("loading.paper", "the paper"),
    ("archive.year", "{year}"),
    ("loading.post", "the post"),
    ("retry", "Try again"),
    ("error.not-found", "{url} was not found on the server."),
    ("error.status", "The server answered {code} for {url}. Try again in a moment."),
    ("error.network", "Could not reach {url}. Check your connection; if the content is on another site, that site must allow it (CORS)."),
    ("error.timeout", "{url} took longer than {seconds} seconds to answer. Check your connection and try again."),
    ("error.offline", "{url} is not saved on this device, and the site cannot be reached. Try again when you are online; “Save for offline” at the foot of the page keeps posts for next time."),
    ("error.json", "{url} is not valid JSON: regenerate it with `papershelf index content`."),
    ("error.fields", "{url} does not have the expected fields (`version` and `posts`): regenerate it with `papershelf index content`."),
    ("error.version", "{url} has format version {version}, this viewer reads version {want}."),
    ("error.line", "{url}, line {line}, is not valid JSON: regenerate it with `papershelf index content`."),
    ("error.post", "{url}: post {n} does not have the expected fields ({why}): regenerate it with `papershelf index content`."),
    ("error.start", "{site} could not start: {why}. Reload the page; if it keeps happening, the site may be half-deployed."),
    ("error.csp", "{site} cannot start: this site's Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to its script-src."),
    ("error.embed", "{site} could not start: {why}. If this page and {site} are on different sites, {site}'s host must send CORS headers (Access-Control-Allow-Origin)."),
    ("math.unknown", "This formula could not be rendered; it is shown as TeX. `papershelf check` names the command it does not know."),
    ("math.failed", "This formula is shown as TeX: the math renderer could not be loaded ({why}). Reload the page to try again."),
    // Offline reading and updates.
    ("offline", "Offline reading"),
    ("offline.shown.one", "Save the 1 post shown for offline{about}"),
    ("offline.shown.other", "Save the {n} posts shown for offline{about}"),
    ("offline.all.one", "Save the 1 post for offline{about}"),
    ("offline.all.other", "Save all {n} posts for offline{about}"),
    ("offline.about", " (about {size})"),
    ("offline.remove", "Remove offline data"),
    ("offline.used", " Saved on this device: {size}."),
    ("offline.saving", "Saving for offline"),
    ("offline.progress", " Saving {done} of {total}…"),
    ("offline.saved.one", "Saved 1 post for offline reading."),
    ("offline.saved.other", "Saved {n} posts for offline reading."),
    ("offline.partly", "Saved {n} posts; {failed} could not be fetched. Try again when the connection is better."),
    ("offline.no-worker", "Saving failed: the service worker did not answer. Reload the page and try again."),
    ("offline.removed", "Removed the offline data: {size} freed."),
    ("offline.not-removed", "The offline data could not be removed. Reload the page and try again."),
    ("offline.now", "You are offline: showing what this device has saved."),
    ("update", "A new version of this site is ready."),
    ("update.reload", "Reload"),
    ("update.running", "Updating…"),
    ("subscribe", "Subscribe to {site}: "),
    // Pages and feeds `publish` writes.
    ("page.tags", "Tags: {tags}"),
    ("page.papers", "Papers reviewed"),
    ("page.source", "The post's Markdown source"),
    ("feed.tag", "{site}: {tag}"),
];

/// The Korean table: the words of Korean Docusaurus sites and apps, in
/// short polite forms.
pub const KO: &[(&str, &str)] = &[
    ("lang", "ko"),
    ("skip", "본문으로 건너뛰기"),
    ("nav.label", "섹션"),
    ("nav.posts", "게시물"),
    ("nav.papers", "논문"),
    ("nav.tags", "태그"),
    ("nav.archive", "보관함"),
    ("search.label", "리뷰 검색"),
    ("search.placeholder", "리뷰 검색  /"),
    ("theme.system", "테마: 시스템 설정"),
    ("theme.light", "테마: 밝게"),
    ("theme.dark", "테마: 어둡게"),
    ("loading.app", "{site} 불러오는 중…"),
    ("noscript", "{site}에서 게시물을 보려면 JavaScript와 WebAssembly가 필요합니다. 이 사이트에서 JavaScript를 켜고 다시 불러오세요."),
    ("old-browser", "papershelf는 최신 브라우저(JavaScript 모듈과 WebAssembly 지원)에서 동작합니다. 최신 Chrome, Firefox, Safari 또는 Edge로 열어 주세요."),
    ("title.posts", "게시물"),
    ("title.papers", "논문"),
    ("title.tags", "태그"),
    ("title.archive", "보관함"),
    ("title.search", "검색"),
    ("count.posts.one", "게시물 {n}개"),
    ("count.posts.other", "게시물 {n}개"),
    ("count.papers.one", "논문 {n}편"),
    ("count.papers.other", "논문 {n}편"),
    ("count.results.one", "검색 결과 {n}건"),
    ("count.results.other", "검색 결과 {n}건"),
    ("count.tags.one", "태그 {n}개"),
    ("count.tags.other", "태그 {n}개"),
    ("filter.posts", "게시물 필터"),
    ("filter.papers", "논문 필터"),
    ("filter.results", "검색 결과 필터"),
    ("filter.box.posts", "게시물 제목으로 찾기"),
    ("filter.box.papers", "논문 제목으로 찾기"),
    ("filter.placeholder.posts", "게시물 제목으로 찾기…"),
    ("filter.placeholder.papers", "논문 제목으로 찾기…"),
    ("filter.selected", "선택한 태그"),
    ("filter.remove", "{tag} 태그 빼기"),
    ("filter.match", "일치 조건"),
    ("filter.all", "모두 포함"),
    ("filter.any", "하나라도 포함"),
    ("filter.clear", "모두 지우기"),
    ("filter.add", "태그 추가"),
    ("unit.posts.one", "개의 게시물"),
    ("unit.posts.other", "개의 게시물"),
    ("unit.papers.one", "편의 논문"),
    ("unit.papers.other", "편의 논문"),
    ("unit.results.one", "건의 결과"),
    ("unit.results.other", "건의 결과"),
    ("filter.more.one", "태그 {n}개 더 보기"),
    ("filter.more.other", "태그 {n}개 더 보기"),
    ("filter.fewer", "태그 접기"),
    ("more.one", "{n}개 더 보기 ({left}개 남음)"),
    ("more.other", "{n}개 더 보기 ({left}개 남음)"),
    ("empty.posts", "조건에 맞는 게시물이 없습니다. 태그를 빼거나 검색어를 바꿔 보세요."),
    ("empty.papers", "조건에 맞는 논문이 없습니다. 태그를 빼거나 검색어를 바꿔 보세요."),
    ("review", "리뷰, {date}"),
    ("paper.source", "원문"),
    ("paper.abstract", "초록"),
    ("paper.pdf", "PDF"),
    ("paper.hf", "Hugging Face"),
    ("paper.reviews.one", "리뷰 {n}개"),
    ("paper.reviews.other", "리뷰 {n}개"),
    ("paper.missing", "논문을 찾을 수 없습니다"),
    ("paper.missing.text", "{key}(이)라는 논문 리뷰가 없습니다. 리뷰가 옮겨졌거나 지워졌을 수 있습니다. 논문 목록에서 모든 논문을 볼 수 있습니다."),
    ("papers.again", "두 번 이상 리뷰한 논문"),
    ("bibtex", "BibTeX"),
    ("bibtex.post", "이 게시물의 논문 BibTeX"),
    ("bibtex.copy", "BibTeX 복사"),
    ("bibtex.copied", "BibTeX를 복사했습니다."),
    ("preview.more", "외 {n}편"),
    ("new", "새 글"),
    ("new.count.one", "지난 방문 이후 새 글 {n}개"),
    ("new.count.other", "지난 방문 이후 새 글 {n}개"),
    ("cited.title", "이 글을 인용한 글"),
    ("cited.all.one", "{n}개 모두 보기"),
    ("cited.all.other", "{n}개 모두 보기"),
    ("tags.tag", "태그"),
    ("tags.papers", "논문"),
    ("tags.posts", "게시물"),
    ("back.posts", "← 모든 게시물"),
    ("back.papers", "← 논문 목록"),
    ("back.search", "← 검색 결과"),
    ("toc", "이 게시물의 논문"),
    ("authors", "글쓴이"),
    ("minutes", "약 {n}분"),
    ("copy", "링크 복사"),
    ("copy.post", "이 게시물의 링크 복사"),
    ("copy.heading", "“{title}” 링크 복사"),
    ("copy.section", "이 섹션의 링크 복사"),
    ("copy.done", "복사됨"),
    ("copy.failed", "복사 실패"),
    ("copy.status.done", "링크를 복사했습니다."),
    ("copy.status.failed", "링크를 복사하지 못했습니다."),
    ("copy.prompt", "이 링크를 복사하세요:"),
    ("post.nav", "다른 게시물"),
    ("post.missing", "게시물을 찾을 수 없습니다"),
    ("post.missing.text", "{path} 게시물이 없습니다. 이름이 바뀌었거나 삭제되었을 수 있습니다."),
    ("page.missing", "페이지를 찾을 수 없습니다"),
    ("page.missing.text", "{path}에 해당하는 페이지가 없습니다."),
    ("all", "모든 게시물 보기"),
    ("date", "{year}년 {month}월 {day}일"),
    ("date.weekday", "{date} ({weekday})"),
    ("month.1", "1"),
    ("month.2", "2"),
    ("month.3", "3"),
    ("month.4", "4"),
    ("month.5", "5"),
    ("month.6", "6"),
    ("month.7", "7"),
    ("month.8", "8"),
    ("month.9", "9"),
    ("month.10", "10"),
    ("month.11", "11"),
    ("month.12", "12"),
    ("month.title", "{year}년 {month}월"),
    ("weekday.0", "일"),
    ("weekday.1", "월"),
    ("weekday.2", "화"),
    ("weekday.3", "수"),
    ("weekday.4", "목"),
    ("weekday.5", "금"),
    ("weekday.6", "토"),
    ("undated", "문서"),
    ("search.hint", "찾을 말을 입력하세요: 방법 이름(GRPO), 한국어 용어(강화학습), \"구절\". 어느 페이지에서든 / 또는 Ctrl+K로 검색할 수 있습니다."),
    ("search.running", "검색 중…"),
    ("search.none", "“{query}”에 대한 검색 결과가 없습니다. 맞춤법을 확인하거나, 단어를 줄이거나, 태그를 빼 보세요."),
    ("search.found.one", "“{query}” 검색 결과 {n}건"),
    ("search.found.other", "“{query}” 검색 결과 {n}건"),
    ("search.title", "{query} · 검색"),
    ("search.no-index", "이 사이트에는 아직 검색 색인이 없습니다({url} 없음). 사이트를 게시하는 사람이 `papershelf index`(또는 `make dist`)를 실행하고 다시 배포해야 합니다. 그동안 게시물, 논문, 태그는 그대로 쓸 수 있습니다."),
    ("search.piece", "검색 색인의 일부를 불러오지 못했습니다: {why}"),
    ("search.broken", "검색 색인을 읽을 수 없습니다: {why}."),
    ("search.engine", "검색 엔진을 불러오지 못했습니다({why}). 연결을 확인하고 다시 시도해 주세요."),
    ("loading", "{what} 불러오는 중…"),
    ("loading.posts", "게시물"),
    ("loading.papers", "논문"),
    ("loading.tags", "태그"),
    ("loading.archive", "보관함"),
    ("loading.paper", "논문"),
    ("archive.year", "{year}년"),
    ("loading.post", "게시물"),
    ("retry", "다시 시도"),
    ("error.not-found", "서버에 {url}이(가) 없습니다."),
    ("error.status", "서버가 {url} 요청에 {code}(으)로 응답했습니다. 잠시 후 다시 시도해 주세요."),
    ("error.network", "{url}에 연결할 수 없습니다. 연결을 확인해 주세요. 콘텐츠가 다른 사이트에 있다면 그 사이트가 접근을 허용해야 합니다(CORS)."),
    ("error.timeout", "{url}의 응답이 {seconds}초 넘게 없습니다. 연결을 확인하고 다시 시도해 주세요."),
    ("error.offline", "{url}은(는) 이 기기에 저장되어 있지 않고, 사이트에 연결할 수 없습니다. 온라인일 때 다시 시도해 주세요. 페이지 아래쪽의 “오프라인용 저장”으로 게시물을 미리 저장해 둘 수 있습니다."),
    ("error.json", "{url}은(는) 올바른 JSON이 아닙니다. `papershelf index content`로 다시 만들어 주세요."),
    ("error.fields", "{url}에 필요한 필드(`version`, `posts`)가 없습니다. `papershelf index content`로 다시 만들어 주세요."),
    ("error.version", "{url}의 형식 버전은 {version}이고, 이 뷰어는 버전 {want}을(를) 읽습니다."),
    ("error.line", "{url}의 {line}번째 줄이 올바른 JSON이 아닙니다. `papershelf index content`로 다시 만들어 주세요."),
    ("error.post", "{url}: {n}번째 게시물에 필요한 필드가 없습니다({why}). `papershelf index content`로 다시 만들어 주세요."),
    ("error.start", "{site}을(를) 시작하지 못했습니다: {why}. 페이지를 다시 불러오세요. 계속 그렇다면 사이트가 배포되는 중일 수 있습니다."),
    ("error.csp", "{site}을(를) 시작할 수 없습니다: 이 사이트의 Content-Security-Policy가 WebAssembly를 허용하지 않습니다. script-src에 'wasm-unsafe-eval'을 추가해 주세요."),
    ("error.embed", "{site}을(를) 시작하지 못했습니다: {why}. 이 페이지와 {site}이(가) 다른 사이트에 있다면, {site} 쪽 서버가 CORS 헤더(Access-Control-Allow-Origin)를 보내야 합니다."),
    ("math.unknown", "이 수식은 그릴 수 없어 TeX로 보여 줍니다. `papershelf check`가 모르는 명령을 알려 줍니다."),
    ("math.failed", "수식 렌더러를 불러오지 못해({why}) 수식을 TeX로 보여 줍니다. 페이지를 다시 불러오세요."),
    ("offline", "오프라인 읽기"),
    ("offline.shown.one", "보이는 게시물 {n}개를 오프라인용으로 저장{about}"),
    ("offline.shown.other", "보이는 게시물 {n}개를 오프라인용으로 저장{about}"),
    ("offline.all.one", "게시물 {n}개 모두 오프라인용으로 저장{about}"),
    ("offline.all.other", "게시물 {n}개 모두 오프라인용으로 저장{about}"),
    ("offline.about", " (약 {size})"),
    ("offline.remove", "오프라인 데이터 삭제"),
    ("offline.used", " 이 기기에 저장됨: {size}."),
    ("offline.saving", "오프라인용으로 저장 중"),
    ("offline.progress", " {total}개 중 {done}개 저장 중…"),
    ("offline.saved.one", "게시물 {n}개를 오프라인용으로 저장했습니다."),
    ("offline.saved.other", "게시물 {n}개를 오프라인용으로 저장했습니다."),
    ("offline.partly", "게시물 {n}개를 저장했고, {failed}개는 가져오지 못했습니다. 연결이 나아지면 다시 시도해 주세요."),
    ("offline.no-worker", "저장하지 못했습니다: 서비스 워커가 응답하지 않습니다. 페이지를 다시 불러와 다시 시도해 주세요."),
    ("offline.removed", "오프라인 데이터를 삭제했습니다: {size} 확보."),
    ("offline.not-removed", "오프라인 데이터를 삭제하지 못했습니다. 페이지를 다시 불러와 다시 시도해 주세요."),
    ("offline.now", "오프라인 상태입니다: 이 기기에 저장된 내용을 보여 줍니다."),
    ("update", "이 사이트의 새 버전이 준비되었습니다."),
    ("update.reload", "새로 고침"),
    ("update.running", "업데이트 중…"),
    ("subscribe", "{site} 구독: "),
    ("page.tags", "태그: {tags}"),
    ("page.papers", "리뷰한 논문"),
    ("page.source", "게시물의 마크다운 원본"),
    ("feed.tag", "{site}: {tag} 태그"),
];

/// `template` with each `{name}` slot of `args` replaced by its value; a
/// slot not in `args` stays as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The day of the week of a `YYYY-MM-DD` date, 0 for Sunday.
pub fn weekday(year: i32, month: u32, day: u32) -> u32 {
    // Sakamoto's method.
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let m = (month as usize).clamp(1, 12) - 1;
    (y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + T[m] + day as i32).rem_euclid(7)
        as u32
}

/// A site's messages: its language's table, with the site's own texts over
/// it. Read by key; a key it lacks reads as the key itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    texts: BTreeMap<String, String>,
}

impl Messages {
    /// The table of `lang` with `overrides` (`[messages]` in
    /// `papershelf.toml`) over it; also the keys of `overrides` no table has.
    pub fn new(lang: Lang, overrides: &BTreeMap<String, String>) -> (Messages, Vec<String>) {
        let mut texts: BTreeMap<String, String> = lang
            .table()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut unknown = Vec::new();
        for (key, text) in overrides {
            if texts.contains_key(key) {
                texts.insert(key.clone(), text.clone());
            } else {
                unknown.push(key.clone());
            }
        }
        (Messages { texts }, unknown)
    }

    /// Messages read from `texts` (the table the page holds).
    pub fn from_texts(texts: BTreeMap<String, String>) -> Messages {
        Messages { texts }
    }

    /// Every key and its text.
    pub fn texts(&self) -> &BTreeMap<String, String> {
        &self.texts
    }

    /// The text of `key` (the key itself when there is none).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with its slots filled from `args`.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The count `n` of what `key` counts (`<key>.one` for 1, else
    /// `<key>.other`), with `{n}` and the slots of `args` filled.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let which = if n == 1 {
            format!("{key}.one")
        } else {
            format!("{key}.other")
        };
        let number = n.to_string();
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(self.get(&which), &all)
    }

    /// A `YYYY-MM-DD` date (a time after it is ignored) as the site writes
    /// dates, with the day of the week when `with_weekday`; anything else
    /// as it is.
    pub fn date(&self, iso: &str, with_weekday: bool) -> String {
        let Some((year, month, day)) = parse_ymd(iso) else {
            return iso.to_string();
        };
        let (y, d) = (year.to_string(), day.to_string());
        let month_name = self.get(&format!("month.{month}")).to_string();
        let date = self.format("date", &[("year", &y), ("month", &month_name), ("day", &d)]);
        if !with_weekday {
            return date;
        }
        let weekday = self
            .get(&format!("weekday.{}", weekday(year, month, day)))
            .to_string();
        self.format("date.weekday", &[("date", &date), ("weekday", &weekday)])
    }

    /// A month of a list (`YYYY-MM`) as the site writes it; `undated` for
    /// anything else.
    pub fn month(&self, year_month: &str) -> String {
        match parse_ymd(&format!("{year_month}-01")) {
            Some((year, month, _)) => {
                let name = self.get(&format!("month.{month}")).to_string();
                self.format(
                    "month.title",
                    &[("year", &year.to_string()), ("month", &name)],
                )
            }
            None => self.get("undated").to_string(),
        }
    }
}

fn parse_ymd(iso: &str) -> Option<(i32, u32, u32)> {
    let date = crate::frontmatter::parse_date(iso)?;
    let year = date[..4].parse().ok()?;
    let month = date[5..7].parse().ok()?;
    let day = date[8..10].parse().ok()?;
    Some((year, month, day))
}

/// Minutes to read a post of `text`: characters of Hangul, kana and CJK
/// ideographs at [`CHARS_PER_MINUTE`], words of other letters at
/// [`WORDS_PER_MINUTE`]; at least 1.
pub fn reading_minutes(text: &str) -> u32 {
    let mut chars = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            chars += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    let minutes = chars as f64 / CHARS_PER_MINUTE + words as f64 / WORDS_PER_MINUTE;
    (minutes.round() as u32).max(1)
}

/// Korean (and Japanese and Chinese) reading speed, in characters a
/// minute: Korean readers of expository text read about 500 syllables a
/// minute; Docusaurus's 200 words a minute would count a Korean post's
/// space-separated words (eojeol), which undercounts it by half.
pub const CHARS_PER_MINUTE: f64 = 500.0;
/// Reading speed for other scripts, in words a minute (Docusaurus's figure).
pub const WORDS_PER_MINUTE: f64 = 200.0;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}' // Hangul syllables
        | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' // jamo
        | '\u{3040}'..='\u{30FF}' // kana
        | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' // ideographs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tests/rules/messages.json`: the cases `www/boot/words.js` is tested against too.
    #[cfg(feature = "site")]
    #[test]
    fn the_messages_fixture() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/rules/messages.json")).unwrap();
        let cases = fixture["cases"].as_array().unwrap();
        assert!(cases.len() >= 15);
        for case in cases {
            let table = &fixture["tables"][case["table"].as_str().unwrap()];
            let texts = table
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect();
            let m = Messages::from_texts(texts);
            let args: Vec<(String, String)> = case["args"]
                .as_object()
                .map(|a| {
                    a.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let args: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let got = if let Some(key) = case["say"].as_str() {
                m.format(key, &args)
            } else if let Some(key) = case["count"].as_str() {
                m.count(key, case["n"].as_u64().unwrap() as usize, &args)
            } else if let Some(iso) = case["date"].as_str() {
                m.date(iso, case["weekday"].as_bool().unwrap())
            } else {
                m.month(case["month"].as_str().unwrap())
            };
            assert_eq!(got, case["want"].as_str().unwrap(), "{case}");
        }
    }

    #[test]
    fn every_table_has_every_key_once() {
        fn keys(t: &'static [(&'static str, &'static str)]) -> Vec<&'static str> {
            let mut k: Vec<&str> = t.iter().map(|(k, _)| *k).collect();
            let n = k.len();
            k.sort_unstable();
            k.dedup();
            assert_eq!(k.len(), n, "a key is in a table twice");
            k
        }
        assert_eq!(keys(EN), keys(KO));
        for (lang, table) in [(Lang::En, EN), (Lang::Ko, KO)] {
            assert!(table.contains(&("lang", lang.tag())));
            for (key, text) in table {
                assert!(!text.is_empty(), "{key} is empty");
                let other = if key.ends_with(".one") {
                    key.replace(".one", ".other")
                } else {
                    key.replace(".other", ".one")
                };
                assert!(keys(table).contains(&other.as_str()), "{key} has no pair");
            }
        }
    }

    /// Every key of the tables is one the code asks for: written as a
    /// string in the app, the first view, the boot code or the core
    /// (a count by its base key), or built from one of the families below.
    #[test]
    fn no_table_has_a_key_the_code_never_uses() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut code = String::new();
        let mut stack = vec![
            root.join("src"),
            root.join("crates/web/src"),
            root.join("crates/core/src"),
            root.join("crates/cli/src"),
            root.join("www"),
        ];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs" || e == "js")
                    && !path.ends_with("messages.rs")
                {
                    code += &std::fs::read_to_string(&path).unwrap();
                }
            }
        }
        // Keys built at run time: `filters::Counted` (`<kind>.<posts|papers|results>`),
        // dates (`month.N`, `weekday.N`), the table's own `lang`.
        let built = |key: &str| {
            [
                "count.",
                "unit.",
                "filter.box.",
                "filter.placeholder.",
                "month.",
                "weekday.",
            ]
            .iter()
            .any(|family| key.starts_with(family))
                || [
                    "filter.posts",
                    "filter.papers",
                    "filter.results",
                    "lang",
                    "date",
                    "date.weekday",
                    "month.title",
                    "undated",
                ]
                .contains(&key)
        };
        let mut unused = Vec::new();
        for (key, _) in EN {
            let base = key
                .strip_suffix(".one")
                .or_else(|| key.strip_suffix(".other"))
                .unwrap_or(key);
            let written = [
                format!("\"{key}\""),
                format!("'{key}'"),
                format!("\"{base}\""),
                format!("'{base}'"),
            ]
            .iter()
            .any(|literal| code.contains(literal.as_str()));
            if !written && !built(key) {
                unused.push(*key);
            }
        }
        assert_eq!(unused, Vec::<&str>::new(), "keys no code asks for");
        // And the README lists every key (a count once, as `key.one/.other`).
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        for (key, _) in EN {
            let listed = match key
                .strip_suffix(".one")
                .or_else(|| key.strip_suffix(".other"))
            {
                Some(base) => format!("| `{base}.one/.other` |"),
                None => format!("| `{key}` |"),
            };
            assert!(readme.contains(&listed), "README.md does not list {key}");
        }
    }

    #[test]
    fn a_tag_picks_its_table_and_others_get_english() {
        assert_eq!(Lang::of("ko"), (Lang::Ko, true));
        assert_eq!(Lang::of("ko-KR"), (Lang::Ko, true));
        assert_eq!(Lang::of("en-US"), (Lang::En, true));
        assert_eq!(Lang::of("EN"), (Lang::En, true));
        assert_eq!(Lang::of("fr"), (Lang::En, false));
        assert_eq!(Lang::of(""), (Lang::En, false));
    }

    #[test]
    fn counts_read_naturally_in_each_language() {
        let (ko, _) = Messages::new(Lang::Ko, &BTreeMap::new());
        let (en, _) = Messages::new(Lang::En, &BTreeMap::new());
        assert_eq!(ko.count("count.posts", 4, &[]), "게시물 4개");
        assert_eq!(ko.count("count.papers", 12, &[]), "논문 12편");
        assert_eq!(ko.count("count.results", 7, &[]), "검색 결과 7건");
        assert_eq!(en.count("count.posts", 1, &[]), "1 post");
        assert_eq!(en.count("count.posts", 2, &[]), "2 posts");
        assert_eq!(
            en.count("search.found", 3, &[("query", "grpo")]),
            "3 posts match “grpo”"
        );
    }

    #[test]
    fn dates_per_language_with_the_weekday_where_asked() {
        let (ko, _) = Messages::new(Lang::Ko, &BTreeMap::new());
        let (en, _) = Messages::new(Lang::En, &BTreeMap::new());
        assert_eq!(ko.date("2025-11-06", false), "2025년 11월 6일");
        assert_eq!(ko.date("2025-11-06", true), "2025년 11월 6일 (목)");
        assert_eq!(en.date("2025-11-06", false), "November 6, 2025");
        assert_eq!(
            en.date("2025-11-06T09:00:00+09:00", true),
            "Thursday, November 6, 2025"
        );
        assert_eq!(en.date("soon", false), "soon");
        assert_eq!(ko.month("2025-01"), "2025년 1월");
        assert_eq!(en.month("2025-01"), "January 2025");
        assert_eq!(en.month("undated"), "Docs");
        // Known days of the week, across a leap day and centuries.
        assert_eq!(weekday(2024, 2, 29), 4);
        assert_eq!(weekday(2000, 1, 1), 6);
        assert_eq!(weekday(1900, 3, 1), 4);
    }

    #[test]
    fn a_site_replaces_messages_by_key_and_hears_of_unknown_keys() {
        let overrides = BTreeMap::from([
            ("nav.papers".to_string(), "읽은 논문".to_string()),
            ("nav.paper".to_string(), "오타".to_string()),
        ]);
        let (ko, unknown) = Messages::new(Lang::Ko, &overrides);
        assert_eq!(ko.get("nav.papers"), "읽은 논문");
        assert_eq!(unknown, vec!["nav.paper".to_string()]);
        assert_eq!(ko.get("no.such.key"), "no.such.key");
    }

    #[test]
    fn reading_time_counts_korean_by_characters_and_english_by_words() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"word ".repeat(1000)), 5);
        assert_eq!(reading_minutes(&"한국어".repeat(500)), 3);
        // Mixed: 1,000 syllables (2 min) and 400 words (2 min).
        let mixed = format!("{} {}", "가".repeat(1000), "GRPO ".repeat(400));
        assert_eq!(reading_minutes(&mixed), 4);
    }
}
