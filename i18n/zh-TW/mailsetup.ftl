## mailsetup — 繁體中文

app-name = 郵件設定助手

## 服務商名稱
provider-qq = QQ郵箱
provider-netease-163 = 網易163郵箱
provider-netease-126 = 網易126郵箱
provider-netease-yeah = 網易yeah.net郵箱
provider-netease-188 = 網易188財富郵
provider-exmail = 騰訊企業郵箱
provider-netease-qiye = 網易企業郵箱
provider-aliyun = 阿里郵箱個人版
provider-aliyun-qiye = 阿里郵箱企業版
provider-dingtalk = 釘釘企業郵箱
provider-sohu = 搜狐郵箱
provider-mail139 = 139郵箱（中國移動）
provider-sina = 新浪郵箱
provider-netease-vip163 = 網易VIP163郵箱
provider-netease-vip126 = 網易VIP126郵箱
provider-sina-cn = 新浪郵箱（sina.cn）
provider-telecom-189 = 189郵箱（中國電信）
provider-cn21 = 21CN郵箱
provider-wo = 沃郵箱（中國聯通）
provider-mail263 = 263郵箱
provider-gmail = Gmail
provider-google-workspace = Google Workspace
provider-outlook = Outlook.com
provider-microsoft365 = Microsoft 365
provider-icloud = iCloud 郵件

## 憑證類型
credential-auth-code = 授權碼
credential-client-password = 用戶端專用密碼
credential-app-password = 應用程式專用密碼
credential-oauth-only = 僅支援瀏覽器登入（OAuth）
code-format-alpha = 共 { $length } 個字母，只會顯示一次，請立即複製。
code-format-alnum = 共 { $length } 位字母和數字，只會顯示一次，請立即複製。

## 步驟：QQ郵箱
qq-step-login = 在電腦瀏覽器登入 QQ 郵箱網頁版（mail.qq.com）。
qq-step-settings = 點選上方的「設定」，再點「帳號」。
qq-step-enable = 找到「POP3/IMAP/SMTP/Exchange/CardDAV/CalDAV服務」，開啟「IMAP/SMTP服務」。
qq-step-verify = 依頁面提示用綁定的手機傳送簡訊（或用微信掃碼）完成驗證，然後點「我已傳送」。
qq-step-copy = 頁面會顯示 16 個字母的授權碼。它只顯示一次，請馬上複製，再貼到本程式裡。

## 步驟：網易 163 / 126 / yeah.net / 188
netease-step-login = 在瀏覽器登入你的網易郵箱網頁版。
netease-step-settings = 點選上方的「設定」，在左側選擇「POP3/SMTP/IMAP」。
netease-step-enable = 開啟「IMAP/SMTP服務」。
netease-step-verify = 點選「客户端授权密码」（網頁上的名稱；即授權碼），依提示用手機完成驗證。
netease-step-copy = 授權碼為 16 個字母，只顯示一次，請馬上複製並貼到本程式裡。

## 步驟：騰訊企業郵箱（先由管理員操作）
exmail-step-admin-login = 管理員：用企業微信掃碼登入企業微信管理後台。如果你不是管理員，請把這兩步傳給管理員。
exmail-step-admin-scope = 管理員：進入「協作 → 安全管理 → 用戶端存取限制」，點選「修改Exchange/IMAP/SMTP服務範圍」，勾選需要的成員後點「確定」。
exmail-step-user-enable = 你自己：登入騰訊企業郵箱網頁版，進入「設定 → 收發信設定」，勾選「開啟IMAP/SMTP服務」並儲存。
exmail-step-user-secure = 進入「設定 → 郵箱綁定」，點選「開啟安全登入」，並在彈出視窗中確認。
exmail-step-user-generate = 在「用戶端專用密碼」一欄點選「產生新密碼」，取個好認的名稱，複製 16 位專用密碼後點「確定」。

## 步驟：網易企業郵箱
qiye-step-admin = 管理員：在網易企業郵箱管理後台確認已允許你的帳號使用 IMAP/SMTP 用戶端。
qiye-step-login = 登入網易企業郵箱網頁版。
qiye-step-settings = 點選右上角的「設定」（齒輪圖示），找到「安全設定」或「用戶端授權碼」。
qiye-step-generate = 點選「產生授權碼」，用登入密碼或手機驗證碼驗證後，複製授權碼。

## 步驟：阿里郵箱個人版
aliyun-step-login = 登入阿里郵箱網頁版。
aliyun-step-settings = 點選右上角的「設定」（齒輪圖示），進入「帳戶與安全」或「POP3/SMTP/IMAP」。
aliyun-step-generate = 找到「用戶端專用密碼」，點選「產生」，完成驗證後複製密碼。

## 步驟：阿里郵箱企業版
aliqiye-step-admin = 管理員：在阿里郵箱企業版管理後台為你的帳號開啟 IMAP/SMTP（第三方用戶端）。
aliqiye-step-login = 用企業郵箱帳號登入阿里郵箱企業版網頁版。
aliqiye-step-settings = 點選右上角的「設定」（齒輪圖示），選擇左側的「用戶端授權碼」。
aliqiye-step-generate = 點選「產生授權碼」，依提示操作後複製授權碼。

## 步驟：釘釘企業郵箱
dingtalk-step-open = 在瀏覽器裡開啟釘釘郵箱網頁版並登入（它由阿里郵箱提供）。
dingtalk-step-settings = 在網頁郵箱中點選「設定」（齒輪圖示），選擇「用戶端授權碼」。
dingtalk-step-generate = 產生授權碼，依提示完成驗證後複製。

## 步驟：搜狐郵箱
sohu-step-login = 登入搜狐郵箱網頁版。
sohu-step-settings = 進入「設定 → POP3/SMTP/IMAP」，開啟服務。
sohu-step-generate = 依頁面提示設定「獨立密碼」（用戶端專用密碼）並複製。

## 步驟：139郵箱
m139-step-login = 登入 139 郵箱網頁版。
m139-step-settings = 進入「設定 → POP3/SMTP/IMAP」，開啟服務。
m139-step-generate = 產生授權碼（需簡訊驗證）並複製。

## 步驟：新浪郵箱
sina-step-login = 登入新浪郵箱網頁版。
sina-step-settings = 進入「設定 → 用戶端POP/IMAP/SMTP」，開啟服務。
sina-step-generate = 產生授權碼（需簡訊驗證）並複製。

## 步驟：Gmail / Google Workspace
generic-step-login = 在瀏覽器裡登入你的郵箱網頁版。
generic-step-enable = 在「設定」裡找到「POP3/SMTP/IMAP」或「用戶端設定」，開啟 IMAP/SMTP 服務。
generic-step-code = 如果設定頁能產生「授權碼」或「用戶端密碼」，產生一個並複製；沒有這一項的話，就用你的登入密碼。
generic-step-password = 在本程式裡填你的郵箱登入密碼（原樣輸入，區分大小寫）。

gmail-step-2sv = 先為 Google 帳戶開啟「兩步驟驗證」，未開啟就沒有應用程式密碼。
gmail-step-apppw = 開啟「應用程式密碼」頁面，輸入名稱（如「郵件設定助手」），點選「建立」。
gmail-step-copy = 複製 16 個字母的應用程式密碼（中間的空格不影響），它只會顯示一次。
gws-step-admin = 管理員：在 Google 管理控制台允許使用者管理兩步驟驗證，並為機構保持開啟 IMAP。

## 步驟：Outlook.com / Microsoft 365
outlook-step-oauth = 微軟已關閉 Outlook 郵件的密碼登入（基本驗證），在這裡使用密碼或應用程式密碼都無法登入。
outlook-step-client = 按下方「使用微軟帳號登入」：瀏覽器會開啟微軟自己的登入頁面，在那裡登入並允許「郵箱設定助手」收發郵件。本程式不會看到你的密碼。
outlook-step-security = 如只想查看帳戶安全設定，可開啟 Microsoft 帳戶的安全性頁面。
m365-step-admin = 管理員：Exchange Online 已不再接受基本驗證，使用者必須使用新式驗證（OAuth）登入。

## 步驟：iCloud
icloud-step-2fa = 你的 Apple 帳號需要先開啟雙重認證。
icloud-step-signin = 登入 account.apple.com，開啟「登入與安全性」。
icloud-step-generate = 選擇「App 專用密碼」，產生一組並複製（格式為 xxxx-xxxx-xxxx-xxxx）。

## 地址和授權碼檢查
address-empty = 請輸入電子郵件地址。
address-missing-at = 地址裡沒有「@」。請輸入完整地址，例如 name@qq.com。
address-multiple-at = 地址裡有不只一個「@」。請只輸入一個地址。
address-empty-local = 「@」前面缺少內容。請輸入完整地址，例如 name@qq.com。
address-bad-domain = 「@」後面不是有效的郵件網域，請檢查是否拼錯，例如 qq.com、163.com。
address-too-long = 地址太長了，請檢查貼上的內容。
address-spaces = 電子郵件地址不能有空格，請刪除空格後再試。
code-empty = 請貼上{ $credential }。
code-warn-format = { $provider }的{ $credential }通常是 { $length } 個字母，你輸入的是 { $actual } 個字元，請檢查是否複製完整。
code-warn-digits = 這看起來像一串數字（帳號或登入密碼），而不是{ $credential }。{ $provider }需要在設定頁面產生的{ $credential }。
code-warn-password = 這看起來像登入密碼，而不是{ $credential }：{ $provider }的{ $credential }是 { $length } 個字母，沒有數字或符號。請依步驟在設定頁面取得。
code-warn-oauth = { $provider }已不再接受郵件程式用密碼登入：請改為在瀏覽器裡用微軟帳號登入（精靈裡的「使用微軟帳號登入」，或 mailsetup check 地址 --oauth）。
code-warn-edge-spaces = 你輸入的密碼開頭或結尾有空格。密碼會原樣送出；如果空格不是密碼的一部分，請刪掉它。

## 協定和階段
protocol-imap = 收信（IMAP）
protocol-smtp = 寄信（SMTP）
stage-resolve = 尋找伺服器
stage-connect = 正在連線
stage-tls = 建立安全連線
stage-greeting = 等待伺服器回應
stage-starttls = 切換到安全連線
stage-capability = 查詢伺服器功能
stage-id = 傳送用戶端識別
stage-login = 正在登入
stage-select = 開啟收件匣
stage-logout = 登出
stage-ehlo = 交握
stage-auth = 正在登入
stage-send = 寄送測試郵件
stage-receive = 等待測試郵件送達
stage-remove = 刪除測試郵件
stage-quit = 關閉連線

## 出了什麼問題，怎麼辦
advice-dns = 找不到伺服器 { $host }。請檢查網路連線和伺服器地址。
advice-refused = 伺服器 { $host } 拒絕了 { $port } 連接埠的連線。請檢查連接埠，或是否有防火牆攔截郵件。
advice-timeout = 伺服器 { $host } 沒有及時回應。請檢查網路（或代理、防火牆）後重試。
advice-tls-unknown-issuer = 伺服器憑證不是由本機信任的機構簽發。如果公司使用自己的憑證機構，請向 IT 索取憑證；否則請不要在這個網路上繼續。
advice-tls-name-mismatch = 伺服器憑證上的名稱與 { $host } 不符。請檢查伺服器地址；如果在公共 Wi-Fi 上，請不要繼續。
advice-tls-expired = 伺服器憑證已過期（或本機時間不正確）。請檢查日期和時間後重試。
advice-tls-other = 無法與 { $host } 建立安全連線。請稍後重試，或檢查連接埠和加密方式。
advice-starttls-unavailable = 伺服器 { $host } 在 { $port } 連接埠不提供安全連線（STARTTLS）。授權碼沒有送出；請改用 SSL/TLS 連接埠。
advice-auth = 伺服器拒絕登入。請檢查電子郵件地址，並重新貼上{ $credential }——它不是你的登入密碼。
advice-auth-password = 伺服器拒絕登入。請檢查登入名稱和密碼（區分大小寫，空格也算）。如果都沒錯，請問郵件管理員是否已為你開啟 IMAP/SMTP。
advice-auth-unsupported = 伺服器 { $host } 在連接埠 { $port } 上不接受用密碼登入（沒有本程式能用的登入方式）。請檢查連接埠（通常是 465 或 587），或詢問郵件管理員。
advice-temporary = 伺服器 { $host } 暫時無法驗證登入。請等幾分鐘再試；如果一直這樣，請聯絡郵件管理員。
advice-netease-spam = 登入成功，但網易把這封郵件當作疑似垃圾郵件拒寄（DT:SPM）。新授權碼或短時間寄信太多時常見：先登入網頁版信箱寄一封郵件，幾分鐘後再試。
advice-sender-mismatch = 登入成功，但伺服器只允許用登入的電子郵件地址寄信。請把使用者名稱設為完整的電子郵件地址，並用同一個地址寄信。
advice-daily-limit = 登入成功，但這個信箱今天的寄信數量已達上限。請明天再試，或請信箱管理員調高上限。
advice-qq-frequency = 登入成功，但 QQ 信箱限制寄信頻率，現已達到上限。請等 10 到 15 分鐘再試。
advice-qq-content = 登入成功，但 QQ 信箱拒絕了這封郵件的內容。請稍後再試；如果一直被拒，說明頁面裡有原因。
advice-too-large = 登入成功，但伺服器認為郵件太大而拒收。
advice-send-temporary = 登入成功，但伺服器暫時不收這封測試郵件。幾分鐘後寄信應該就能正常，請到時再試。
advice-send-refused = 登入成功，但伺服器拒收寄給你自己的測試郵件。請檢查電子郵件地址是否寫對；收信和寄信設定本身沒有問題。
advice-wants-starttls = { $host } 的連接埠 { $port } 先用明文連線：安全類型請選 STARTTLS（收信通常是 143 連接埠，寄信通常是 587），不要選 SSL/TLS。
advice-wants-tls = { $host } 的連接埠 { $port } 一開始就要求加密：安全類型請選 SSL/TLS（收信通常是 993 連接埠，寄信通常是 465），不要選 STARTTLS。
advice-offline-dns = 收信和寄信伺服器的名稱都查不到：這台電腦可能沒有連上網路，或者網路的 DNS 無法使用。請檢查網路連線後點「重試」。
advice-offline = 收信和寄信伺服器都連不上：請檢查網路連線，以及代理或防火牆是否攔截了郵件連接埠，然後點「重試」。
advice-service-disabled = 這個郵箱還沒有開啟收寄信服務。請在網頁郵箱設定中開啟 IMAP/SMTP 服務後重試。
advice-client-not-allowed = 伺服器不允許本程式登入。請在網頁郵箱設定中開啟 IMAP/SMTP 服務後重試。
advice-rate-limited = 伺服器正在限制登入次數。請等幾分鐘再試。
advice-protocol = 伺服器的回覆無法辨識。請複製診斷報告傳給客服。
advice-cancelled = 檢測已取消，沒有儲存任何內容。
advice-qq-auth-code = 你輸入的是 QQ 密碼，不是授權碼。請在 QQ 郵箱「設定 → 帳號」中開啟 IMAP/SMTP 服務並產生授權碼。
advice-qq-login-fail = QQ 郵箱拒絕登入：可能服務未開啟，或授權碼不正確。請在 QQ 郵箱「設定 → 帳號」中確認已開啟 IMAP/SMTP，並重新產生授權碼。
advice-netease-unsafe-login = 網易把這次登入判定為「不安全登入」。請在「設定 → POP3/SMTP/IMAP」中確認已開啟 IMAP/SMTP，並使用授權碼登入。
advice-netease-smtp-off = 這個郵箱的 SMTP 服務沒有開啟。請進入「設定 → POP3/SMTP/IMAP」開啟 IMAP/SMTP 服務。
advice-netease-auth = 網易拒絕登入。請使用「設定 → POP3/SMTP/IMAP」中產生的授權碼，而不是登入密碼。
advice-exmail-client-password = 騰訊企業郵箱需要用戶端專用密碼：先請管理員為你開通 IMAP/SMTP，再於「設定 → 郵箱綁定」中開啟安全登入並產生專用密碼。
advice-gmail-app-password = Google 要求在這裡使用應用程式密碼。請先開啟兩步驟驗證，再建立應用程式密碼並貼上。
advice-outlook-basic-auth-off = Outlook 已不再接受郵件程式用密碼登入（基本驗證已關閉）。請使用支援瀏覽器登入的郵件程式；本程式無法在那裡使用密碼。

## 儲存
keyring-name = { $os ->
    [windows] Windows 認證管理員
    [macos] 鑰匙圈
   *[other] 系統密碼庫
}
store-keyring-unavailable = { $keyring }無法使用，因此沒有儲存任何內容。{ $os ->
    [linux] Linux 上請安裝並解鎖 Secret Service（例如 GNOME 鑰匙圈）後重試。
   *[other] 請登出後重新登入電腦，再試一次。
}
store-keyring-failed = { $keyring }拒絕儲存授權碼，因此沒有儲存任何內容：{ $reason }
store-file-failed = 無法寫入設定檔 { $path }，因此沒有儲存任何內容：{ $reason }
store-file-corrupt = 設定檔無法讀取，已另存為 { $path }。之前的帳號都還在那個檔案裡。
store-saved = 已儲存：授權碼存入{ $keyring }，伺服器設定存入 { $path }。
store-removed = 已刪除 { $address }。
store-still-handed = 這些地方仍然設定著這個帳號：{ $apps }。本程式沒有改動它們；如果不再使用，請在那裡也刪除這個帳號。
list-separator = 、
list-and = { $first }和{ $last }
handed-to = 已交給：{ $apps }
store-not-found = 沒有已儲存的帳號 { $address }。

## 命令列
cli-about = 設定 QQ / 163 / 企業郵箱：取得授權碼，檢測 IMAP 和 SMTP，安全地儲存。
cli-no-display = 這裡沒有圖形桌面（例如透過 SSH 登入），無法開啟設定視窗。請在電腦自己的桌面上執行 mailsetup，或使用命令列：mailsetup providers、mailsetup check 郵箱地址 --password-stdin（mailsetup --help 列出全部指令）。
cli-providers-header = 支援的郵件服務商：
cli-detect-found = { $address } → { $provider }
cli-detect-unknown = 如果知道伺服器位址，請用 --imap 主機:連接埠:tls 和 --smtp 主機:連接埠:tls 指定。
endpoint-line = { $protocol }：{ $host }:{ $port }（{ $security }），使用者名稱 { $username }
detect-admin-note = 這是由{ $provider }代管的企業郵箱：可能需要管理員先為你開通 IMAP/SMTP。
detect-source = 辨識方式：{ $source }
cli-steps-header = 如何取得{ $credential }：
cli-admin-step = （管理員）
cli-link = 開啟：{ $url }
cli-password-stdin-required = 授權碼只能從標準輸入讀取：請加上 --password-stdin，並透過管線傳入。
cli-password-read-failed = 無法從標準輸入讀取授權碼：{ $reason }
cli-bad-endpoint = 「{ $value }」不是有效的伺服器寫法：請寫成 主機:連接埠:tls 或 主機:連接埠:starttls，例如 imap.qq.com:993:tls。
cli-bad-username = 「{ $value }」不能作為登入名稱：不能為空、不能含換行，最多 255 個字元。
ca-file-failed = 無法使用憑證檔 { $path }：{ $reason }
cli-check-start = 正在檢測 { $address } …
cli-check-ok = { $protocol }：正常
cli-check-failed = { $protocol }：失敗——{ $advice }
cli-stage = { $stage }（{ $ms } 毫秒）
server-said = 伺服器回覆：{ $text }
cli-help-link = 說明：{ $url }
cli-all-ok = 收信和寄信都正常，可以在郵件程式裡使用這個帳號了。
cli-some-failed = 檢測沒有通過。請依上面的說明處理後再試。
cli-accounts-empty = 還沒有儲存任何帳號。
cli-accounts-header = 已儲存的帳號：
cli-warning = 注意：{ $text }
cli-lang-unknown = 不認得的語言「{ $lang }」，改用英文。可選：zh-CN、zh-TW、en。
cli-output-failed = 無法寫出結果：{ $reason }。請檢查磁碟是否已滿，或把輸出寫到別的檔案。

## 精靈視窗
gui-language = 語言
gui-address-label = 輸入電子郵件地址
gui-address-placeholder = name@qq.com
gui-or-pick = 或者選擇你的郵件服務商：
gui-other = 其他
gui-detected = 已辨識：{ $provider }
unknown-provider = { $domain } 不在已知服務商清單中。按「下一步」尋找它的郵件伺服器，或在下面選擇代管的服務商。
gui-looking = 正在尋找 { $domain } 的郵件伺服器 …
gui-next = 下一步
gui-back = 返回
gui-saved-accounts = 已儲存的帳號
gui-retest = 重新檢測
gui-remove = 刪除
gui-remove-confirm = 刪除 { $address } 以及為它儲存的授權碼或密碼？
gui-steps-title = 取得{ $provider }的{ $credential }
gui-renew-notice = 儲存的{ $credential }已經失效：伺服器拒絕了它。請依照下面的步驟產生一個新的，再貼上；檢測通過後，交給過的郵件程式可以一起更新。
gui-mend-hint = 這個帳號交給過郵件程式：它們還在用舊的{ $credential }。
gui-mend = 同時更新 { $apps }
gui-phone-not-updated = { $app } 無法從這裡更新：請在手機的帳號設定裡把密碼改成新的{ $credential }，或重新掃描一次 QR 碼（「在我的郵件程式裡使用」）。
gui-open-page = 開啟
gui-admin-badge = 管理員
gui-have-code = 我已取得
gui-cred-title = 貼上{ $credential }
gui-code-label = { $credential }
gui-name-label = 你的名字（收件人看到的）
gui-show = 顯示
gui-hide = 隱藏
gui-paste = 貼上
gui-test = 開始檢測
gui-testing-title = 正在檢測 { $address } …
gui-cancel = 取消
gui-waiting = 等待中
gui-seconds = { $seconds } 秒
gui-success-title = 檢測通過：收信和寄信都正常。
gui-success-next = 下一步：按「在我的郵件程式裡使用」。Thunderbird 由本程式直接設定；Outlook、Foxmail、手機等其他程式的每一項（包括{ $credential }）都可以在那裡複製。
gui-failure-title = 還有問題需要處理
gui-server-settings = 郵件程式的伺服器設定
gui-done = 完成
gui-add-another = 再新增一個
gui-try-again = 重試
gui-copy-report = 複製診斷報告給客服
gui-report-copied = 報告已複製，請貼到傳給客服的訊息裡。
gui-open-help = 開啟解決問題的頁面
gui-saving = 正在儲存 …

## Discovery: where the servers were found
source-catalog = 已知服務商清單
source-mx = 網域的郵件交換記錄（MX）
source-autoconfig = 網域自己的設定檔（autoconfig）
source-srv = 網域的服務記錄（SRV）
source-ispdb = Thunderbird 的服務商資料庫
source-guess = 嘗試常用的伺服器名稱
detect-offline = 無法查詢 { $domain }：這台電腦似乎沒有連上網路（所有查詢都沒有得到回應）。請檢查網路連線後再試。
detect-not-found = 找不到 { $domain } 的郵件伺服器。請檢查地址是否輸入錯誤；如果沒錯，請向公司 IT 或郵件服務商詢問 IMAP 和 SMTP 伺服器位址。
gui-found = 已透過{ $source }找到 { $domain } 的郵件伺服器。
gui-found-servers = IMAP { $imap } · SMTP { $smtp }
gui-not-found = 找不到 { $domain } 的郵件伺服器。請檢查地址是否輸入錯誤；如果沒錯，點「手動設定伺服器」填寫伺服器位址（可以向公司 IT 或郵件服務商索取）。
gui-oauth-title = { $provider } 只能在瀏覽器裡登入
gui-open-site = 開啟 { $site }
link-not-a-link = 這不是郵箱設定助手的設定連結。請讓客服重新傳送，或者在下面自己填寫。
link-unknown-parameter = 設定連結裡有不認識的部分「{ $value }」，所以沒有使用它。請讓客服重新傳送，或者在下面自己填寫。
link-repeated = 設定連結裡的「{ $value }」出現了兩次，所以沒有使用它。請讓客服重新傳送，或者在下面自己填寫。
link-unknown-provider = 設定連結裡的郵件服務商「{ $value }」不認識，所以沒有使用它。請在下面選擇你的郵件服務商。
link-bad-address = 設定連結裡的電子郵件地址「{ $value }」不對，所以沒有使用它。請在下面填寫你的電子郵件地址。
link-unknown-lang = 設定連結裡的語言「{ $value }」不認識，所以沒有使用它。可以在右上角切換語言。
gui-open-failed = 瀏覽器沒有開啟。請把這個網址複製到瀏覽器裡：{ $url }
gui-copy = 複製
gui-clipboard-offer = 剪貼簿裡有一個{ $credential }。要用它嗎？
gui-use-and-test = 使用並檢測
gui-not-now = 不用
gui-copied = 已複製
saved = 已儲存：{ $credential }存入{ $keyring }，伺服器設定也已儲存，下次開啟本程式可以重新檢測。
gui-manual-title = 手動設定伺服器
gui-manual-intro = 這些資訊可以向公司 IT 或郵件服務商索取，他們的說明頁面上通常也有。安全類型只有 SSL/TLS 和 STARTTLS 兩種：不加密的連線會洩露密碼，本程式不使用。
gui-manual-imap = 收信伺服器（IMAP）
gui-manual-smtp = 寄信伺服器（SMTP）
gui-manual-host = 伺服器位址，例如 imap.example.com
gui-manual-port = 連接埠
gui-manual-login = 登入名稱
gui-manual-login-hint = 通常就是完整的電子郵件地址
gui-manual-bad-host = 這不是有效的伺服器位址，例如 imap.example.com。
gui-manual-bad-port = 連接埠是 1 到 65535 之間的數字。
gui-manual-bad-login = 請填寫登入名稱（通常是完整的電子郵件地址）。
gui-manual-link = 手動設定伺服器
gui-generic-title = 準備登入 { $name }
gui-generic-password = 企業或自架的郵件伺服器通常使用你平常的信箱密碼。如果管理員開啟了兩步驟驗證，請先產生一組應用程式密碼，在這裡使用它。
gui-enable-header = 請先完成：
gui-docs-header = 郵件服務商的說明：
gui-have-password = 繼續
credential-password = 密碼

detect-setup-failed = 無法開始尋找郵件伺服器：{ $reason }
gui-ask-replace = { $address } 已經儲存過。要用這次的設定取代嗎？
gui-replace = 取代
gui-keep = 保留原來的
gui-kept = 沒有變更：保留了 { $address } 原來儲存的帳號。
store-exists = { $address } 已經儲存過。如需取代，請加上 --replace。
report-no-code = 未測試登入：沒有提供授權碼，這個地址也沒有儲存過。加上 --password-stdin 即可測試。
export-no-password-in-xml = Thunderbird 設定檔不能包含密碼；新增帳號時 Thunderbird 會詢問。
export-no-saved-code = 這個地址沒有儲存授權碼，無法寫入檔案。
export-write-failed = 無法寫入檔案 { $path }：{ $reason }
export-written = 已寫入 { $path }。
gui-export-thunderbird = 匯出給 Thunderbird
gui-export-apple = 匯出給蘋果郵件 / iPhone
gui-open-folder = 開啟資料夾

# 開始頁服務商圖塊上的小標記
badge-qq = QQ
badge-netease-163 = 163
badge-netease-126 = 126
badge-exmail = EX
badge-netease-qiye = 網易
badge-aliyun = 阿里
badge-gmail = G
badge-outlook = O
badge-icloud = i

## Browser sign-in (OAuth 2.0)
advice-oauth-refused = 郵件伺服器 { $host } 沒有接受這次登入。請在瀏覽器裡重新登入帳號；如果仍然出現，請確認信箱已開啟 IMAP。
oauth-button = { $client ->
    [microsoft] 使用微軟帳號登入
   *[google] 使用 Google 帳號登入
}
oauth-gmail-alternative = 還沒有應用程式密碼？也可以直接在瀏覽器裡用 Google 帳號登入，不必開啟兩步驟驗證。
oauth-no-client = 這個版本的郵箱設定助手不能自己登入 { $provider }（建置時沒有在 { $provider } 登記）。你的郵件程式可以：Thunderbird、Outlook、Apple 郵件和 iPhone 郵件都能自己登入——在郵件程式裡新增這個帳號，它要求時在那裡登入。
oauth-denied = 你在 { $provider } 的頁面上沒有允許存取，本程式無法使用這個信箱。請重新登入，並選擇「接受」（允許）。
oauth-timeout = { $minutes } 分鐘內瀏覽器沒有完成登入。請重新登入，並在開啟的頁面上完成。
oauth-revoked = 儲存的登入已失效（密碼已變更或存取權限已被移除）。請在瀏覽器裡重新登入帳號。
oauth-failed = 登入沒有成功（{ $reason }）。請檢查網路後重新登入。
oauth-no-refresh = { $provider } 沒有允許本程式保留這次登入。請重新登入，並允許所要求的全部權限。
oauth-cancelled = 已取消登入。
oauth-not-offered = { $provider }不支援瀏覽器登入：請用它的授權碼和 --password-stdin。
oauth-page-done = 登入成功。可以關閉此分頁，回到「郵箱設定助手」。
oauth-page-denied = 未允許存取。可以關閉此分頁，「郵箱設定助手」會告訴你下一步怎麼做。
oauth-page-refused = 此頁面不屬於「郵箱設定助手」發起的登入，可以關閉。
oauth-waiting-title = 請在瀏覽器裡登入 { $provider }
oauth-waiting-hint = 在開啟的頁面上完成登入，然後回到這裡。本程式最多等待 { $minutes } 分鐘。
oauth-waiting-url = 頁面沒有開啟？把這個網址複製到本機的瀏覽器裡：
oauth-again = 重新登入
cli-oauth-open = 正在瀏覽器中開啟 { $provider } 的登入頁面，最多等待 { $minutes } 分鐘…
cli-oauth-url = 請在本機的瀏覽器中開啟這個網址並登入（登入後會回到 127.0.0.1）。最多等待 { $minutes } 分鐘…
cli-oauth-signed-in = 已登入。正在用這次登入測試 IMAP 和 SMTP…
sign-in-password = 密碼
sign-in-oauth = 瀏覽器登入（OAuth）
store-saved-oauth = 已儲存：登入憑證存入{ $keyring }，伺服器設定存入 { $path }。
saved-oauth = 登入憑證已儲存在{ $keyring }；以後再測試時不必再開啟瀏覽器。
gui-success-next-oauth = 下一步：按「在我的郵件程式裡使用」。Thunderbird 由本程式直接設定，並自己在瀏覽器裡登入 { $provider }；其他程式的每一項伺服器設定都可以在那裡複製。
cli-sign-in = 登入方式：{ $kind }

## 交給使用者的郵件程式
app-thunderbird = Thunderbird
app-evolution = Evolution
app-outlook = Outlook
app-foxmail = Foxmail
app-windows-mail = Windows 郵件
app-mail-master = 網易郵箱大師
app-apple-mail = Apple 郵件
app-iphone = iPhone / iPad 郵件
app-android = Android 手機的郵件 App
app-program = 其他程式（指令碼、msmtp、mbsync、neomutt）
handoff-way-direct = 由本程式直接設定
handoff-way-guided = 依步驟設定，每一項都可複製
handoff-installed = 本機已安裝
handoff-not-installed = 本機未找到
handoff-phone = 手機上的應用程式：在視窗裡掃描 QR 碼
handoff-retired-windows-mail = 已於 2024 年 12 月 31 日停止收發郵件，微軟已把使用者移轉到新版 Outlook：請改用 Outlook
cli-app-line = { $name }（{ $here }）：{ $way }
handoff-added = 已把 { $address } 連同授權碼加入 { $app }（{ $profile }）。啟動 { $app }，它會自動登入。
handoff-added-asks = 已把 { $address } 加入 { $app }（{ $profile }）。{ $app } 啟動時會詢問一次密碼：在那裡貼上授權碼。
cli-handoff-asks-secret = 要貼上的{ $credential }可以用 `mailsetup secret { $address }` 顯示（或在視窗的「在我的郵件程式裡使用」中複製）。
handoff-added-oauth = 已把 { $address } 加入 { $app }（{ $profile }）。{ $app } 啟動時會開啟郵件服務商的登入頁面：在那裡登入一次即可。
handoff-ca-thunderbird = 這個伺服器使用公司自己的憑證：Thunderbird 提示 { $host } 的憑證有問題時，選擇「確認安全例外」（保持勾選「永久儲存此例外」）。
handoff-ca-evolution = 這個伺服器使用公司自己的憑證：Evolution 詢問是否信任 { $host } 的憑證時，選擇「永久接受」。
handoff-already = { $app } 裡已經有 { $address }（{ $profile }），沒有做任何變更。
handoff-updated = { $app } 裡已經有 { $address }（{ $profile }），但授權碼是舊的：已換成新的。啟動 { $app }，它會用新授權碼登入。
handoff-running = { $app } 正在執行。請先結束 { $app }，然後重試；沒有做任何變更。
handoff-no-profile = 找不到 Thunderbird 的設定檔。請先啟動一次 Thunderbird 再結束，然後重試。
handoff-no-profile-at = { $path } 不是 Thunderbird 的設定檔資料夾。
handoff-unreadable = 無法讀取 { $path }，設定檔保持原樣未動。請在 Thunderbird 裡自行新增帳號（Thunderbird 選單 → 帳號設定 → 帳號動作 → 新增郵件帳號）。
handoff-primary-password = 這個 Thunderbird 設定檔設有主密碼，本程式無法把授權碼存進去；沒有做任何變更。請在 Thunderbird 裡新增帳號（Thunderbird 選單 → 帳號設定 → 帳號動作 → 新增郵件帳號），詢問密碼時貼上授權碼。
handoff-passwords-failed = 無法使用 { $path } 裡 Thunderbird 的密碼庫（{ $reason }）；沒有做任何變更。
handoff-failed = 無法寫入 { $path }（{ $reason }）；原來的檔案已備份在旁邊。
cli-secret-oauth = 這個帳號透過瀏覽器登入，沒有授權碼。加上 --access-token 可取得新的存取權杖。
cli-secret-not-oauth = --access-token 只用於透過瀏覽器登入的帳號；這個帳號使用授權碼，請拿掉 --access-token。
report-no-code-for = 鑰匙圈裡已經沒有 { $address } 的授權碼。請在精靈裡重新測試這個帳號以儲存它。
gui-mailapp-button = 在我的郵件程式裡使用
gui-mailapp-title = 你在哪裡讀這個信箱的郵件？
gui-mailapp-hint = 選擇你的郵件程式，帶 ✓ 的已安裝在本機。Thunderbird 和 Evolution 由本程式直接設定，手機掃描 QR 碼即可；其他程式依它自己的步驟操作，每一項都可以從這裡複製。
gui-tb-direct = 本程式把帳號和授權碼寫入 Thunderbird，Thunderbird 啟動後會自動登入。請先結束 Thunderbird。
gui-tb-profile = 設定檔：
gui-add-to-thunderbird = 加入 Thunderbird
gui-success-next-direct = 下一步：點「加入 { $app }」，本程式直接幫你在 { $app } 裡設定好。Outlook、Foxmail、手機等其他程式請點「在我的郵件程式裡使用」。
gui-open-app = 開啟 { $app }
gui-open-app-failed = { $app } 沒有啟動（{ $reason }）。請自行開啟：帳戶已經在裡面了。
gui-field-address = 電子郵件地址
gui-field-username = 使用者名稱
gui-field-imap-host = 收件伺服器（IMAP）
gui-field-imap-port = 收件連接埠
gui-field-imap-security = 收件加密方式
gui-field-smtp-host = 寄件伺服器（SMTP）
gui-field-smtp-port = 寄件連接埠
gui-field-smtp-security = 寄件加密方式
gui-copied-field = 已複製：剪貼簿裡現在是「{ $value }」。
gui-copied-secret = 已複製：剪貼簿裡現在是{ $credential }。在郵件程式要求輸入密碼的地方貼上。
gui-secret-gone = 鑰匙圈裡已經沒有這個帳號的{ $credential }。請重新測試這個帳號以儲存它。
gui-guide-oauth = 這個帳號透過瀏覽器登入：在郵件程式裡選擇 OAuth2（「使用 Microsoft / Google 帳號登入」），不需要密碼。
guide-thunderbird = 在 Thunderbird 裡：Thunderbird 選單 → 帳號設定 → 帳號動作 → 新增郵件帳號。填寫電子郵件地址，密碼處貼上{ $credential }，然後按「手動設定」，從這裡複製伺服器。
guide-evolution = 在 Evolution 裡：編輯 → 帳號 → 新增 → 郵件帳號。接收：IMAP；寄送：SMTP。從這裡複製伺服器；Evolution 詢問密碼時貼上{ $credential }。
guide-outlook = 在 Outlook 裡：檔案 → 新增帳戶（新版 Outlook：設定 → 帳戶 → 新增帳戶）。填寫電子郵件地址，然後「進階選項」→「讓我手動設定我的帳戶」→ IMAP。從這裡複製伺服器，密碼處貼上{ $credential }。
guide-foxmail = 在 Foxmail 裡：右上角選單 → 帳號管理 → 新建。填寫電子郵件地址，密碼處貼上{ $credential }；如果沒有自動找到，選擇「手動設定」→ IMAP，從這裡複製伺服器。
gui-windows-mail-retired = Windows 郵件已於 2024 年 12 月 31 日停止收發郵件：微軟已把使用者移轉到 Windows 內建的新版 Outlook。請改在 Outlook 裡設定這個帳號。
guide-mail-master = 在網易郵箱大師裡：新增信箱 → 填寫電子郵件地址 → 密碼處貼上{ $credential }。其他信箱選擇手動設定（IMAP），從這裡複製伺服器。
guide-apple-mail = 在 Mac 的「郵件」裡：郵件 → 新增帳號 → 其他郵件帳號。填寫電子郵件地址，密碼處貼上{ $credential }；詢問伺服器時從這裡複製。
guide-iphone = 在 iPhone 或 iPad 上：設定 → 郵件 → 帳號 → 新增帳號 → 其他 → 新增郵件帳號 → IMAP。依這裡顯示的內容填寫，密碼是{ $credential }。
guide-android = 在 Android 手機上（Gmail App）：設定 → 新增帳戶 → 其他 → 填寫電子郵件地址 → 手動設定 → 個人（IMAP）。依這裡顯示的內容填寫，密碼是{ $credential }。
guide-program = 給其他程式用：「mailsetup secret 電子郵件地址」只輸出{ $credential }（msmtp：passwordeval；mbsync：PassCmd），「mailsetup secret 電子郵件地址 --access-token」輸出瀏覽器登入的新存取權杖。伺服器見下方。
gui-mail-app-short = 郵件程式
gui-evolution-direct = 本程式把帳號寫入 Evolution，把授權碼存入鑰匙圈，Evolution 會自動登入。請先結束 Evolution。
gui-add-to-evolution = 加入 Evolution
cli-steps-oauth-header = 如何在瀏覽器裡登入：
gui-phone-include-code = 把{ $credential }也放進去，手機就什麼都不用輸入（拿到它的人能讀你的郵件）
gui-phone-iphone-intro = 最省事：讓 iPhone 安裝一個帶有這些設定的描述檔，自己完成設定。
gui-phone-iphone-show = 顯示給 iPhone 掃描的 QR 碼
gui-phone-save-profile = 儲存描述檔
gui-phone-iphone-scan = 打開 iPhone 的相機對準這個 QR 碼（iPhone 要和這台電腦連同一個 Wi-Fi）。點一下出現的連結並允許下載，然後打開「設定」→「已下載描述檔」→「安裝」。連結只能用一次，10 分鐘內有效。
gui-phone-waiting = 正在等 iPhone 來取…
gui-phone-fetched = iPhone 已經拿到描述檔。請在 iPhone 上打開「設定」→「已下載描述檔」→「安裝」。
gui-phone-fetched-no-code = iPhone 已經拿到描述檔。請在 iPhone 上打開「設定」→「已下載描述檔」→「安裝」。要求輸入密碼時，請輸入{ $credential }（不是信箱的登入密碼）。
phone-expired = 連結已過期。再顯示一次 QR 碼重試。
gui-phone-saved = 已儲存為 { $path }。用郵件或 AirDrop 傳給自己，在 iPhone 上打開，然後「設定」→「已下載描述檔」→「安裝」。
gui-phone-android-intro = 用 Thunderbird for Android 什麼都不用輸入：它能掃描 QR 碼匯入這個帳號。
gui-phone-android-intro-no-code = Thunderbird for Android 能掃描 QR 碼匯入這個帳號；QR 碼裡沒有{ $credential }，手機會要求輸入一次{ $credential }。
gui-android-client-info = 網易只接受會報上自己名字的用戶端：請在 Thunderbird for Android 這個帳號的設定裡，「收件伺服器」下勾選「Send client information」（傳送用戶端資訊），否則會顯示「Unsafe Login」，資料夾是空的。
gui-phone-android-show = 顯示 QR 碼
gui-phone-android-scan = 在 Thunderbird for Android 裡：新增帳號 → 匯入設定 → 掃描 QR 碼，然後把手機對準這個 QR 碼。
gui-phone-hide = 隱藏 QR 碼
phone-no-network = 這台電腦沒有連上手機能存取的網路。請讓兩者連同一個 Wi-Fi，或者儲存描述檔傳給自己。
phone-listen-failed = 無法提供連結（{ $reason }）。請改為儲存描述檔傳給自己。
phone-no-code = 這個帳號沒有儲存{ $credential }。請重新測試這個帳號，或者不放{ $credential }。
gui-ca-pick = 使用 IT 提供的憑證檔案…
gui-ca-title = 只為 { $host } 信任這個憑證嗎？
gui-ca-subject = 簽發給：{ $name }
gui-ca-issuer = 簽發者：{ $name }
gui-ca-fingerprint = SHA-256 指紋：{ $fingerprint }
gui-ca-compare = 請把指紋和公司 IT 給你的核對一下。它只用於這個帳號的伺服器，並隨帳號一起儲存。
gui-ca-trust = 信任並重新測試
ca-not-a-certificate = { $path } 不是憑證檔案。請選擇公司 IT 傳給你的檔案（.pem、.crt 或 .cer）。
ca-unreadable = 無法讀取 { $path }：{ $reason }
gui-oauth-no-client = 這個版本的郵箱設定助手不能自己登入 { $provider }，但你的郵件程式可以：Thunderbird、Outlook、Apple 郵件和 iPhone 郵件都能自己用 Microsoft 帳號登入。請在下一步選擇你的郵件程式，它打開登入頁面時在那裡登入。
gui-oauth-via-mail-app = 在我的郵件程式裡設定

## 往返測試：寄一封測試郵件給自己
round-trip-choice = 寄一封測試郵件給自己（之後會自動刪除）
round-trip-subject = { app-name }測試郵件
round-trip-body = 這封郵件由{ app-name }寄出，用來確認你的信箱能正常收發。它會馬上被自動刪除；如果你仍看到它，可以直接刪掉。
round-trip-arrived = 測試郵件 { $seconds } 秒後送達收件匣。
round-trip-junk = 測試郵件送達了，但在垃圾郵件資料夾「{ $folder }」裡（{ $seconds } 秒後）。請在網頁版信箱裡把自己的地址加入聯絡人或白名單，免得你的郵件被攔截。
round-trip-not-yet = 測試郵件已寄出，但 { $seconds } 秒內還沒收到。寄信正常；收信可能較慢，請過幾分鐘看看收件匣。
round-trip-unknown = 測試郵件已寄出，但這個伺服器不允許{ app-name }尋找它。請看看收件匣：它應該在那裡，可以直接刪掉。
round-trip-left = 測試郵件留在「{ $folder }」裡：這個伺服器無法只刪除一封郵件而不影響其他郵件，請自己刪掉它。
round-trip-waiting = 正在等待測試郵件… { $seconds } 秒

## mailsetup repair：儲存的授權碼失效了
cli-repair-start = 正在用儲存的{ $credential }重新檢測 { $address } …
cli-repair-works = 儲存的{ $credential }仍然可以收信和寄信。
cli-repair-refused = 儲存的{ $credential }已經失效：兩台伺服器都拒絕了它。需要一個新的。
cli-repair-failed = 重新檢測因為其他原因失敗，無法判斷{ $credential }是否仍然有效；沒有做任何變更。請先依上面的說明處理，再執行 mailsetup repair { $address }。
cli-repair-no-secret = 系統密碼庫裡沒有 { $address } 的{ $credential }：需要一個新的。
cli-repair-ask = 請貼上 { $address } 的新{ $credential }（不會顯示出來），然後按 Enter：
cli-repair-testing-new = 正在檢測新的{ $credential } …
cli-repair-new-failed = 新的{ $credential }也不能用；沒有做任何變更。
cli-repair-saved = 新的{ $credential }已存入系統密碼庫。
cli-repair-none-handed = 本程式沒有把 { $address } 交給過任何郵件程式：請在你的郵件程式要求輸入密碼的地方填入新的{ $credential }。
repair-oauth-apps = { $apps } 透過 { $provider } 的網頁自行登入：那裡不需要更新。
cli-repair-phone = { $app }：手機無法從這台電腦更新。請在手機上把帳戶密碼改成新的{ $credential }，或重新把帳戶交給手機：{ $command }
cli-repair-done = 交給過的每個郵件程式都已經有可用的{ $credential }。
cli-repair-left = 沒有更新：{ $apps }。請依上面的說明處理（正在執行的程式請先結束），再執行 mailsetup repair { $address }；系統密碼庫裡已經是可用的{ $credential }。
cli-repair-needs-code = 儲存的{ $credential }被拒絕了，需要一個新的：請加上 --password-stdin 並透過管線傳入，或在終端機裡執行，程式會提示你輸入。
