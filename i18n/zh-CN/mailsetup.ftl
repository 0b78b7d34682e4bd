## mailsetup — 简体中文

app-name = 邮箱设置助手

## 服务商名称
provider-qq = QQ邮箱
provider-netease-163 = 网易163邮箱
provider-netease-126 = 网易126邮箱
provider-netease-yeah = 网易yeah.net邮箱
provider-netease-188 = 网易188财富邮
provider-exmail = 腾讯企业邮箱
provider-netease-qiye = 网易企业邮箱
provider-aliyun = 阿里邮箱个人版
provider-aliyun-qiye = 阿里邮箱企业版
provider-dingtalk = 钉钉企业邮箱
provider-sohu = 搜狐邮箱
provider-mail139 = 139邮箱（中国移动）
provider-sina = 新浪邮箱
provider-netease-vip163 = 网易VIP163邮箱
provider-netease-vip126 = 网易VIP126邮箱
provider-sina-cn = 新浪邮箱（sina.cn）
provider-telecom-189 = 189邮箱（中国电信）
provider-cn21 = 21CN邮箱
provider-wo = 沃邮箱（中国联通）
provider-mail263 = 263邮箱
provider-gmail = Gmail（谷歌邮箱）
provider-google-workspace = Google Workspace（谷歌企业邮箱）
provider-outlook = Outlook.com
provider-microsoft365 = Microsoft 365
provider-icloud = iCloud 邮箱

## 凭据类型
credential-auth-code = 授权码
credential-client-password = 客户端专用密码
credential-app-password = 应用专用密码
credential-oauth-only = 仅支持浏览器登录（OAuth）
code-format-alpha = 共 { $length } 个字母，只显示一次，请立即复制。
code-format-alnum = 共 { $length } 位字母和数字，只显示一次，请立即复制。

## 步骤：QQ邮箱
qq-step-login = 在电脑浏览器里登录 QQ 邮箱网页版（mail.qq.com）。
qq-step-settings = 点击顶部的“设置”，再点“账号”。
qq-step-enable = 找到“POP3/IMAP/SMTP/Exchange/CardDAV/CalDAV服务”，开启“IMAP/SMTP服务”。
qq-step-verify = 按页面提示用绑定的手机发送短信（或用微信扫码）完成验证，然后点“我已发送”。
qq-step-copy = 页面会显示 16 位字母的授权码。它只显示一次，请马上复制，再粘贴到本程序里。

## 步骤：网易 163 / 126 / yeah.net / 188
netease-step-login = 在浏览器里登录你的网易邮箱网页版。
netease-step-settings = 点击顶部的“设置”，在左侧选择“POP3/SMTP/IMAP”。
netease-step-enable = 开启“IMAP/SMTP服务”。
netease-step-verify = 点击“客户端授权密码”（授权码），按提示用手机完成验证。
netease-step-copy = 授权码为 16 位字母，只显示一次，请马上复制并粘贴到本程序里。

## 步骤：腾讯企业邮箱（先由管理员操作，见种子文档 004）
exmail-step-admin-login = 管理员：用企业微信扫码登录企业微信管理后台。如果你不是管理员，请把这两步发给管理员。
exmail-step-admin-scope = 管理员：进入“协作 → 安全管理 → 客户端访问限制”，点击“修改Exchange/IMAP/SMTP服务范围”，勾选需要的成员后点“确定”。
exmail-step-user-enable = 你自己：登录腾讯企业邮箱网页版，进入“设置 → 收发信设置”，勾选“开启IMAP/SMTP服务”并保存。
exmail-step-user-secure = 进入“设置 → 邮箱绑定”，点击“开启安全登录”，在弹窗中确认。
exmail-step-user-generate = 在“客户端专用密码”一栏点击“生成新密码”，起个好认的名字，复制 16 位专用密码后点“确定”。

## 步骤：网易企业邮箱
qiye-step-admin = 管理员：在网易企业邮箱管理后台确认已允许你的账号使用 IMAP/SMTP 客户端。
qiye-step-login = 登录网易企业邮箱网页版。
qiye-step-settings = 点击右上角的“设置”（齿轮图标），找到“安全设置”或“客户端授权码”。
qiye-step-generate = 点击“生成授权码”，用登录密码或手机验证码验证后，复制授权码。

## 步骤：阿里邮箱个人版
aliyun-step-login = 登录阿里邮箱网页版。
aliyun-step-settings = 点击右上角的“设置”（齿轮图标），进入“账户与安全”或“POP3/SMTP/IMAP”。
aliyun-step-generate = 找到“客户端专用密码”，点击“生成”，完成验证后复制密码。

## 步骤：阿里邮箱企业版
aliqiye-step-admin = 管理员：在阿里邮箱企业版管理后台为你的账号开启 IMAP/SMTP（第三方客户端）。
aliqiye-step-login = 用企业邮箱账号登录阿里邮箱企业版网页版。
aliqiye-step-settings = 点击右上角的“设置”（齿轮图标），选择左侧的“客户端授权码”。
aliqiye-step-generate = 点击“生成授权码”，按提示操作后复制授权码。

## 步骤：钉钉企业邮箱
dingtalk-step-open = 在浏览器里打开钉钉邮箱网页版并登录（它由阿里邮箱提供）。
dingtalk-step-settings = 在网页邮箱中点击“设置”（齿轮图标），选择“客户端授权码”。
dingtalk-step-generate = 生成授权码，按提示完成验证后复制。

## 步骤：搜狐邮箱
sohu-step-login = 登录搜狐邮箱网页版。
sohu-step-settings = 进入“设置 → POP3/SMTP/IMAP”，开启服务。
sohu-step-generate = 按页面提示设置“独立密码”（客户端专用密码）并复制。

## 步骤：139邮箱
m139-step-login = 登录 139 邮箱网页版。
m139-step-settings = 进入“设置 → POP3/SMTP/IMAP”，开启服务。
m139-step-generate = 生成授权码（需短信验证）并复制。

## 步骤：新浪邮箱
sina-step-login = 登录新浪邮箱网页版。
sina-step-settings = 进入“设置 → 客户端POP/IMAP/SMTP”，开启服务。
sina-step-generate = 生成授权码（需短信验证）并复制。

## 步骤：Gmail / Google Workspace
generic-step-login = 在浏览器里登录你的邮箱网页版。
generic-step-enable = 在“设置”里找到“POP3/SMTP/IMAP”或“客户端设置”，开启 IMAP/SMTP 服务。
generic-step-code = 如果设置页能生成“授权码”或“客户端密码”，生成一个并复制；没有这一项的话，就用你的登录密码。
generic-step-password = 在本程序里填你的邮箱登录密码（原样输入，区分大小写）。

gmail-step-2sv = 先为谷歌账号开启“两步验证”，不开启就没有应用专用密码。
gmail-step-apppw = 打开“应用专用密码”页面，输入一个名字（如“邮箱设置助手”），点击“创建”。
gmail-step-copy = 复制 16 位字母的应用专用密码（中间的空格无所谓），它只显示一次。
gws-step-admin = 管理员：在 Google 管理控制台允许用户管理两步验证，并为组织保持开启 IMAP。

## 步骤：Outlook.com / Microsoft 365
outlook-step-oauth = 微软已关闭 Outlook 邮箱的密码登录（基本身份验证），这里用密码或应用密码都无法登录。
outlook-step-client = 点击下方“使用微软账号登录”：浏览器会打开微软自己的登录页面，在那里登录并允许“邮箱设置助手”收发邮件。本程序不会看到你的密码。
outlook-step-security = 如只想查看账号安全设置，可打开微软账户的安全页面。
m365-step-admin = 管理员：Exchange Online 已不再接受基本身份验证，用户必须使用现代验证（OAuth）登录。

## 步骤：iCloud
icloud-step-2fa = 你的 Apple 账户需要先开启双重认证。
icloud-step-signin = 登录 account.apple.com，打开“登录与安全”。
icloud-step-generate = 选择“App 专用密码”，生成一个并复制（格式为 xxxx-xxxx-xxxx-xxxx）。

## 地址和授权码检查
address-empty = 请输入邮箱地址。
address-missing-at = 地址里没有“@”。请输入完整地址，例如 name@qq.com。
address-multiple-at = 地址里有不止一个“@”。请只输入一个地址。
address-empty-local = “@”前面缺了内容。请输入完整地址，例如 name@qq.com。
address-bad-domain = “@”后面不是有效的邮箱域名，请检查是否拼错，例如 qq.com、163.com。
address-too-long = 地址太长了，请检查粘贴的内容。
address-spaces = 邮箱地址里不能有空格，请删掉空格后再试。
code-empty = 请粘贴{ $credential }。
code-warn-format = { $provider }的{ $credential }通常是 { $length } 个字母，你输入的是 { $actual } 个字符，请检查是否复制完整。
code-warn-digits = 这看起来像一串数字（账号或登录密码），而不是{ $credential }。{ $provider }需要在设置页面生成的{ $credential }。
code-warn-password = 这看起来像登录密码，而不是{ $credential }：{ $provider }的{ $credential }是 { $length } 个字母，没有数字或符号。请按步骤在设置页面获取。
code-warn-oauth = { $provider }已不再接受邮件客户端用密码登录：请改为在浏览器里用微软账号登录（向导里的“使用微软账号登录”，或 mailsetup check 地址 --oauth）。
code-warn-edge-spaces = 你输入的密码开头或结尾有空格。密码会原样发送；如果空格不是密码的一部分，请删掉它。

## 协议和阶段
protocol-imap = 收信（IMAP）
protocol-smtp = 发信（SMTP）
stage-resolve = 查找服务器
stage-connect = 正在连接
stage-tls = 建立安全连接
stage-greeting = 等待服务器响应
stage-starttls = 切换到安全连接
stage-capability = 查询服务器功能
stage-id = 发送客户端标识
stage-login = 正在登录
stage-select = 打开收件箱
stage-logout = 退出登录
stage-ehlo = 握手
stage-auth = 正在登录
stage-send = 发送测试邮件
stage-receive = 等待测试邮件送达
stage-remove = 删除测试邮件
stage-quit = 关闭连接

## 出了什么问题，怎么办
advice-dns = 找不到服务器 { $host }。请检查网络连接和服务器地址。
advice-refused = 服务器 { $host } 拒绝了 { $port } 端口的连接。请检查端口，或是否有防火墙拦截了邮件。
advice-timeout = 服务器 { $host } 没有及时响应。请检查网络（或代理、防火墙）后重试。
advice-tls-unknown-issuer = 服务器证书不是由本机信任的机构签发的。如果公司使用自己的证书机构，请向 IT 索取证书；否则请不要在这个网络上继续。
advice-tls-name-mismatch = 服务器证书上的名称与 { $host } 不符。请检查服务器地址；如果在公共 Wi-Fi 上，请不要继续。
advice-tls-expired = 服务器证书已过期（或本机时间不对）。请检查日期和时间后重试。
advice-tls-other = 无法与 { $host } 建立安全连接。请稍后重试，或检查端口和加密方式。
advice-starttls-unavailable = 服务器 { $host } 在 { $port } 端口不提供安全连接（STARTTLS）。授权码没有发送出去；请改用 SSL/TLS 端口。
advice-auth = 服务器拒绝登录。请检查邮箱地址，并重新粘贴{ $credential }——它不是你的登录密码。
advice-auth-password = 服务器拒绝登录。请检查登录名和密码（区分大小写，空格也算）。如果都没错，请问邮箱管理员是否为你开启了 IMAP/SMTP。
advice-auth-unsupported = 服务器 { $host } 在端口 { $port } 上不接受用密码登录（没有本程序能用的登录方式）。请检查端口（通常是 465 或 587），或询问邮箱管理员。
advice-temporary = 服务器 { $host } 暂时无法验证登录。请等几分钟再试；如果一直这样，请联系邮箱管理员。
advice-netease-spam = 登录成功，但网易把这封邮件当作疑似垃圾邮件拒发（DT:SPM）。新授权码或短时间发信太多时常见：先登录网页版邮箱发一封邮件，几分钟后再试。
advice-sender-mismatch = 登录成功，但服务器只允许用登录的邮箱地址发信。请把用户名设为完整的邮箱地址，并用同一个地址发信。
advice-daily-limit = 登录成功，但这个邮箱今天的发信数量已达上限。请明天再试，或请邮箱管理员调高上限。
advice-qq-frequency = 登录成功，但 QQ 邮箱限制发信频率，现已达到上限。请等 10 到 15 分钟再试。
advice-qq-content = 登录成功，但 QQ 邮箱拒绝了这封邮件的内容。请稍后再试；如果一直被拒，帮助页面里有原因。
advice-too-large = 登录成功，但服务器认为邮件太大而拒收。
advice-send-temporary = 登录成功，但服务器暂时不收这封测试邮件。几分钟后发信应该就能正常，请到时再试。
advice-send-refused = 登录成功，但服务器拒收发给你自己的测试邮件。请检查邮箱地址是否写对；收信和发信设置本身没有问题。
advice-wants-starttls = { $host } 的端口 { $port } 先用明文连接：安全类型请选 STARTTLS（收信通常是 143 端口，发信通常是 587），不要选 SSL/TLS。
advice-wants-tls = { $host } 的端口 { $port } 一开始就要求加密：安全类型请选 SSL/TLS（收信通常是 993 端口，发信通常是 465），不要选 STARTTLS。
advice-offline-dns = 收信和发信服务器的名字都查不到：这台电脑可能没有联网，或者网络的 DNS 不可用。请检查网络连接后点“重试”。
advice-offline = 收信和发信服务器都连不上：请检查网络连接，以及代理或防火墙是否拦截了邮件端口，然后点“重试”。
advice-service-disabled = 这个邮箱还没有开启收发信服务。请在网页邮箱设置中开启 IMAP/SMTP 服务后重试。
advice-client-not-allowed = 服务器不允许本程序登录。请在网页邮箱设置中开启 IMAP/SMTP 服务后重试。
advice-rate-limited = 服务器正在限制登录次数。请等几分钟再试。
advice-protocol = 服务器的回复无法识别。请复制诊断报告发给客服。
advice-cancelled = 检测已取消，没有保存任何内容。
advice-qq-auth-code = 你输入的是 QQ 密码，不是授权码。请在 QQ 邮箱“设置 → 账号”中开启 IMAP/SMTP 服务并生成授权码。
advice-qq-login-fail = QQ 邮箱拒绝登录：可能服务未开启，或授权码不对。请在 QQ 邮箱“设置 → 账号”中确认已开启 IMAP/SMTP，并重新生成授权码。
advice-netease-unsafe-login = 网易把这次登录判定为“不安全登录”。请在“设置 → POP3/SMTP/IMAP”中确认已开启 IMAP/SMTP，并使用授权码登录。
advice-netease-smtp-off = 这个邮箱的 SMTP 服务没有开启。请进入“设置 → POP3/SMTP/IMAP”开启 IMAP/SMTP 服务。
advice-netease-auth = 网易拒绝登录。请使用“设置 → POP3/SMTP/IMAP”中生成的授权码，而不是登录密码。
advice-exmail-client-password = 腾讯企业邮箱需要客户端专用密码：先请管理员为你开通 IMAP/SMTP，再在“设置 → 邮箱绑定”中开启安全登录并生成专用密码。
advice-gmail-app-password = 谷歌要求在这里使用应用专用密码。请先开启两步验证，再创建应用专用密码并粘贴进来。
advice-outlook-basic-auth-off = Outlook 已不再接受邮件客户端用密码登录（基本身份验证已关闭）。请使用支持浏览器登录的邮件客户端；本程序无法在那里使用密码。

## 保存
keyring-name = { $os ->
    [windows] Windows 凭据管理器
    [macos] 钥匙串
   *[other] 系统密码库
}
store-keyring-unavailable = { $keyring }不可用，因此没有保存任何内容。{ $os ->
    [linux] Linux 上请安装并解锁 Secret Service（例如 GNOME 密钥环）后重试。
   *[other] 请注销后重新登录电脑，再试一次。
}
store-keyring-failed = { $keyring }拒绝保存授权码，因此没有保存任何内容：{ $reason }
store-file-failed = 无法写入设置文件 { $path }，因此没有保存任何内容：{ $reason }
store-file-corrupt = 设置文件无法读取，已另存为 { $path }。之前的账号都还在那个文件里。
store-saved = 已保存：授权码存入{ $keyring }，服务器设置存入 { $path }。
store-removed = 已删除 { $address }。
store-still-handed = 这些地方仍然设置着这个账户：{ $apps }。本程序没有改动它们；如果不再使用，请在那里也删除这个账户。
list-separator = 、
list-and = { $first }和{ $last }
handed-to = 已交给：{ $apps }
store-not-found = 没有已保存的账号 { $address }。

## 命令行
cli-about = 设置 QQ / 163 / 企业邮箱：获取授权码，检测 IMAP 和 SMTP，安全地保存。
cli-no-display = 这里没有图形桌面（例如通过 SSH 登录），无法打开设置窗口。请在电脑自己的桌面上运行 mailsetup，或使用命令行：mailsetup providers、mailsetup check 邮箱地址 --password-stdin（mailsetup --help 列出全部命令）。
cli-providers-header = 支持的邮箱服务商：
cli-detect-found = { $address } → { $provider }
cli-detect-unknown = 如果知道服务器地址，请用 --imap 主机:端口:tls 和 --smtp 主机:端口:tls 指定。
endpoint-line = { $protocol }：{ $host }:{ $port }（{ $security }），用户名 { $username }
detect-admin-note = 这是由{ $provider }托管的企业邮箱：可能需要管理员先为你开通 IMAP/SMTP。
detect-source = 识别方式：{ $source }
cli-steps-header = 如何获取{ $credential }：
cli-admin-step = （管理员）
cli-link = 打开：{ $url }
cli-password-stdin-required = 授权码只能从标准输入读取：请加上 --password-stdin，并通过管道传入。
cli-password-read-failed = 无法从标准输入读取授权码：{ $reason }
cli-bad-endpoint = “{ $value }”不是有效的服务器写法：请写成 主机:端口:tls 或 主机:端口:starttls，例如 imap.qq.com:993:tls。
cli-bad-username = “{ $value }”不能作为登录名：不能为空、不能含换行，最多 255 个字符。
ca-file-failed = 无法使用证书文件 { $path }：{ $reason }
cli-check-start = 正在检测 { $address } …
cli-check-ok = { $protocol }：正常
cli-check-failed = { $protocol }：失败——{ $advice }
cli-stage = { $stage }（{ $ms } 毫秒）
server-said = 服务器回复：{ $text }
cli-help-link = 帮助：{ $url }
cli-all-ok = 收信和发信都正常，可以在邮件客户端里使用这个账号了。
cli-some-failed = 检测没有通过。请按上面的说明处理后再试。
cli-accounts-empty = 还没有保存任何账号。
cli-accounts-header = 已保存的账号：
cli-warning = 注意：{ $text }
cli-lang-unknown = 不认识的语言“{ $lang }”，改用英文。可选：zh-CN、zh-TW、en。
cli-output-failed = 无法写出结果：{ $reason }。请检查磁盘是否已满，或把输出写到别的文件。

## 向导窗口
gui-language = 语言
gui-address-label = 输入邮箱地址
gui-address-placeholder = name@qq.com
gui-or-pick = 或者选择你的邮箱服务商：
gui-other = 其他
gui-detected = 已识别：{ $provider }
unknown-provider = { $domain } 不在已知服务商列表中。点“下一步”查找它的邮件服务器，或在下面选择托管的服务商。
gui-looking = 正在查找 { $domain } 的邮件服务器 …
gui-next = 下一步
gui-back = 返回
gui-saved-accounts = 已保存的账号
gui-retest = 重新检测
gui-remove = 删除
gui-remove-confirm = 删除 { $address } 以及为它保存的授权码或密码？
gui-steps-title = 获取{ $provider }的{ $credential }
gui-renew-notice = 保存的{ $credential }已经失效：服务器拒绝了它。请按下面的步骤生成一个新的，再粘贴进来；检测通过后，交给过的邮件程序可以一起更新。
gui-mend-hint = 这个账户交给过邮件程序：它们还在用旧的{ $credential }。
gui-mend = 同时更新 { $apps }
gui-phone-not-updated = { $app } 无法从这里更新：请在手机的账户设置里把密码改成新的{ $credential }，或重新扫一次二维码（“在我的邮件程序里使用”）。
gui-open-page = 打开
gui-admin-badge = 管理员
gui-have-code = 我已拿到
gui-cred-title = 粘贴{ $credential }
gui-code-label = { $credential }
gui-name-label = 你的名字（收件人看到的）
gui-show = 显示
gui-hide = 隐藏
gui-paste = 粘贴
gui-test = 开始检测
gui-testing-title = 正在检测 { $address } …
gui-cancel = 取消
gui-waiting = 等待中
gui-seconds = { $seconds } 秒
gui-success-title = 检测通过：收信和发信都正常。
gui-success-next = 下一步：点“在我的邮件程序里使用”。Thunderbird 由本程序直接设置；Outlook、Foxmail、手机等其他程序的每一项（包括{ $credential }）都可以在那里复制。
gui-failure-title = 还有问题需要处理
gui-server-settings = 邮件客户端的服务器设置
gui-done = 完成
gui-add-another = 再添加一个
gui-try-again = 重试
gui-copy-report = 复制诊断报告给客服
gui-report-copied = 报告已复制，请粘贴到发给客服的消息里。
gui-open-help = 打开解决问题的页面
gui-saving = 正在保存 …

## Discovery: where the servers were found
source-catalog = 已知服务商列表
source-mx = 域名的邮件交换记录（MX）
source-autoconfig = 域名自己的配置文件（autoconfig）
source-srv = 域名的服务记录（SRV）
source-ispdb = Thunderbird 的服务商数据库
source-guess = 尝试常用的服务器名称
detect-offline = 无法查询 { $domain }：这台电脑似乎没有连上网络（所有查询都没有得到回应）。请检查网络连接后再试。
detect-not-found = 没有找到 { $domain } 的邮件服务器。请检查地址是否输错；如果没错，请向公司 IT 或邮箱服务商询问 IMAP 和 SMTP 服务器地址。
gui-found = 已通过{ $source }找到 { $domain } 的邮件服务器。
gui-found-servers = IMAP { $imap } · SMTP { $smtp }
gui-not-found = 没有找到 { $domain } 的邮件服务器。请检查地址是否输错；如果没错，点“手动设置服务器”填写服务器地址（可以向公司 IT 或邮箱服务商要）。
gui-oauth-title = { $provider } 只能在浏览器里登录
gui-open-site = 打开 { $site }
link-not-a-link = 这不是邮箱设置助手的设置链接。请让客服重新发送，或者在下面自己填写。
link-unknown-parameter = 设置链接里有不认识的部分“{ $value }”，所以没有使用它。请让客服重新发送，或者在下面自己填写。
link-repeated = 设置链接里的“{ $value }”出现了两次，所以没有使用它。请让客服重新发送，或者在下面自己填写。
link-unknown-provider = 设置链接里的邮箱服务商“{ $value }”不认识，所以没有使用它。请在下面选择你的邮箱服务商。
link-bad-address = 设置链接里的邮箱地址“{ $value }”不对，所以没有使用它。请在下面填写你的邮箱地址。
link-unknown-lang = 设置链接里的语言“{ $value }”不认识，所以没有使用它。可以在右上角切换语言。
gui-open-failed = 浏览器没有打开。请把这个地址复制到浏览器里：{ $url }
gui-copy = 复制
gui-clipboard-offer = 剪贴板里有一个{ $credential }。要用它吗？
gui-use-and-test = 使用并检测
gui-not-now = 不用
gui-copied = 已复制
saved = 已保存：{ $credential }存入{ $keyring }，服务器设置也已保存，下次打开本程序可以重新检测。
gui-manual-title = 手动设置服务器
gui-manual-intro = 这些信息可以向公司 IT 或邮箱服务商要，它们的帮助页面上通常也有。安全类型只有 SSL/TLS 和 STARTTLS 两种：不加密的连接会泄露密码，本程序不使用。
gui-manual-imap = 收信服务器（IMAP）
gui-manual-smtp = 发信服务器（SMTP）
gui-manual-host = 服务器地址，例如 imap.example.com
gui-manual-port = 端口
gui-manual-login = 登录名
gui-manual-login-hint = 通常就是完整的邮箱地址
gui-manual-bad-host = 这不是有效的服务器地址，例如 imap.example.com。
gui-manual-bad-port = 端口是 1 到 65535 之间的数字。
gui-manual-bad-login = 请填写登录名（通常是完整的邮箱地址）。
gui-manual-link = 手动设置服务器
gui-generic-title = 准备登录 { $name }
gui-generic-password = 企业或自建的邮件服务器通常使用你平时的邮箱密码。如果管理员开启了两步验证，请先生成一个应用专用密码，在这里使用它。
gui-enable-header = 请先完成：
gui-docs-header = 邮箱服务商的帮助：
gui-have-password = 继续
credential-password = 密码

detect-setup-failed = 无法开始查找邮件服务器：{ $reason }
gui-ask-replace = { $address } 已经保存过。要用这次的设置替换吗？
gui-replace = 替换
gui-keep = 保留原来的
gui-kept = 没有改动：保留了 { $address } 原来保存的账号。
store-exists = { $address } 已经保存过。如需替换，请加上 --replace。
report-no-code = 未测试登录：没有提供授权码，这个地址也没有保存过。加上 --password-stdin 即可测试。
export-no-password-in-xml = Thunderbird 配置文件不能包含密码；添加账号时 Thunderbird 会询问。
export-no-saved-code = 这个地址没有保存授权码，无法写入文件。
export-write-failed = 无法写入文件 { $path }：{ $reason }
export-written = 已写入 { $path }。
gui-export-thunderbird = 导出给 Thunderbird
gui-export-apple = 导出给苹果邮件 / iPhone
gui-open-folder = 打开文件夹

# 开始页服务商图块上的小标记
badge-qq = QQ
badge-netease-163 = 163
badge-netease-126 = 126
badge-exmail = EX
badge-netease-qiye = 网易
badge-aliyun = 阿里
badge-gmail = G
badge-outlook = O
badge-icloud = i

## Browser sign-in (OAuth 2.0)
advice-oauth-refused = 邮件服务器 { $host } 没有接受这次登录。请在浏览器里重新登录账号；如果仍然出现，请确认邮箱已开启 IMAP。
oauth-button = { $client ->
    [microsoft] 使用微软账号登录
   *[google] 使用 Google 账号登录
}
oauth-gmail-alternative = 还没有应用专用密码？也可以直接在浏览器里用 Google 账号登录，无需开启两步验证。
oauth-no-client = 这个版本的邮箱设置助手不能自己登录 { $provider }（构建时没有在 { $provider } 登记）。你的邮件程序可以：Thunderbird、Outlook、苹果邮件和 iPhone 邮件都能自己登录——在邮件程序里添加这个账户，它要求时在那里登录。
oauth-denied = 你在 { $provider } 的页面上没有允许访问，本程序无法使用这个邮箱。请重新登录，并选择“接受”（允许）。
oauth-timeout = { $minutes } 分钟内浏览器没有完成登录。请重新登录，并在打开的页面上完成。
oauth-revoked = 保存的登录已失效（密码已修改或访问权限已被移除）。请在浏览器里重新登录账号。
oauth-failed = 登录没有成功（{ $reason }）。请检查网络后重新登录。
oauth-no-refresh = { $provider } 没有允许本程序保留这次登录。请重新登录，并允许所请求的全部权限。
oauth-cancelled = 已取消登录。
oauth-not-offered = { $provider }不支持浏览器登录：请用它的授权码和 --password-stdin。
oauth-page-done = 登录成功。可以关闭此标签页，回到“邮箱设置助手”。
oauth-page-denied = 未允许访问。可以关闭此标签页，“邮箱设置助手”会告诉你下一步怎么做。
oauth-page-refused = 此页面不属于“邮箱设置助手”发起的登录，可以关闭。
oauth-waiting-title = 请在浏览器里登录 { $provider }
oauth-waiting-hint = 在打开的页面上完成登录，然后回到这里。本程序最多等待 { $minutes } 分钟。
oauth-waiting-url = 页面没有打开？把这个地址复制到本机的浏览器里：
oauth-again = 重新登录
cli-oauth-open = 正在浏览器中打开 { $provider } 的登录页面，最多等待 { $minutes } 分钟…
cli-oauth-url = 请在本机的浏览器中打开这个地址并登录（登录后会回到 127.0.0.1）。最多等待 { $minutes } 分钟…
cli-oauth-signed-in = 已登录。正在用这次登录测试 IMAP 和 SMTP…
sign-in-password = 密码
sign-in-oauth = 浏览器登录（OAuth）
store-saved-oauth = 已保存：登录凭据存入{ $keyring }，服务器设置存入 { $path }。
saved-oauth = 登录凭据已保存在{ $keyring }；以后再测试时无需再打开浏览器。
gui-success-next-oauth = 下一步：点“在我的邮件程序里使用”。Thunderbird 由本程序直接设置，并自己在浏览器里登录 { $provider }；其他程序的每一项服务器设置都可以在那里复制。
cli-sign-in = 登录方式：{ $kind }

## 交给用户的邮件程序
app-thunderbird = Thunderbird
app-evolution = Evolution
app-outlook = Outlook
app-foxmail = Foxmail
app-windows-mail = Windows 邮件
app-mail-master = 网易邮箱大师
app-apple-mail = Apple 邮件
app-iphone = iPhone / iPad 邮件
app-android = 安卓手机的邮件应用
app-program = 其他程序（脚本、msmtp、mbsync、neomutt）
handoff-way-direct = 由本程序直接设置
handoff-way-guided = 按步骤设置，每一项都可复制
handoff-installed = 本机已安装
handoff-not-installed = 本机未找到
handoff-phone = 手机上的应用：在窗口里扫二维码
handoff-retired-windows-mail = 已于 2024 年 12 月 31 日停止收发邮件，微软已把用户迁到新版 Outlook：请改用 Outlook
cli-app-line = { $name }（{ $here }）：{ $way }
handoff-added = 已把 { $address } 连同授权码添加到 { $app }（{ $profile }）。启动 { $app }，它会自动登录。
handoff-added-asks = 已把 { $address } 添加到 { $app }（{ $profile }）。{ $app } 启动时会询问一次密码：在那里粘贴授权码。
cli-handoff-asks-secret = 要粘贴的{ $credential }可以用 `mailsetup secret { $address }` 显示（或在窗口的“在我的邮件程序里使用”中复制）。
handoff-added-oauth = 已把 { $address } 添加到 { $app }（{ $profile }）。{ $app } 启动时会打开邮箱服务商的登录页面：在那里登录一次即可。
handoff-ca-thunderbird = 这个服务器使用公司自己的证书：Thunderbird 提示 { $host } 的证书有问题时，选择“确认安全例外”（保持勾选“永久保存此例外”）。
handoff-ca-evolution = 这个服务器使用公司自己的证书：Evolution 询问是否信任 { $host } 的证书时，选择“永久接受”。
handoff-already = { $app } 里已经有 { $address }（{ $profile }），没有做任何更改。
handoff-updated = { $app } 里已经有 { $address }（{ $profile }），但授权码是旧的：已换成新的。启动 { $app }，它会用新授权码登录。
handoff-running = { $app } 正在运行。请先退出 { $app }，然后重试；没有做任何更改。
handoff-no-profile = 没有找到 Thunderbird 的配置文件。请先启动一次 Thunderbird 再退出，然后重试。
handoff-no-profile-at = { $path } 不是 Thunderbird 的配置文件夹。
handoff-unreadable = 无法读取 { $path }，配置文件保持原样未动。请在 Thunderbird 里自己添加账户（Thunderbird 菜单 → 账户设置 → 账户操作 → 添加邮件账户）。
handoff-primary-password = 这个 Thunderbird 配置文件设置了主密码，本程序无法把授权码存进去；没有做任何更改。请在 Thunderbird 里添加账户（Thunderbird 菜单 → 账户设置 → 账户操作 → 添加邮件账户），询问密码时粘贴授权码。
handoff-passwords-failed = 无法使用 { $path } 里 Thunderbird 的密码库（{ $reason }）；没有做任何更改。
handoff-failed = 无法写入 { $path }（{ $reason }）；原来的文件已备份在旁边。
cli-secret-oauth = 这个账户通过浏览器登录，没有授权码。加上 --access-token 可获取新的访问令牌。
cli-secret-not-oauth = --access-token 只用于通过浏览器登录的账户；这个账户使用授权码，请去掉 --access-token。
report-no-code-for = 钥匙串里已经没有 { $address } 的授权码。请在向导里重新测试这个账户以保存它。
gui-mailapp-button = 在我的邮件程序里使用
gui-mailapp-title = 你在哪里读这个邮箱的邮件？
gui-mailapp-hint = 选择你的邮件程序，带 ✓ 的已安装在本机。Thunderbird 和 Evolution 由本程序直接设置，手机扫二维码即可；其他程序按它自己的步骤操作，每一项都可以从这里复制。
gui-tb-direct = 本程序把账户和授权码写入 Thunderbird，Thunderbird 启动后会自动登录。请先退出 Thunderbird。
gui-tb-profile = 配置文件：
gui-add-to-thunderbird = 添加到 Thunderbird
gui-success-next-direct = 下一步：点“添加到 { $app }”，本程序直接帮你在 { $app } 里设置好。Outlook、Foxmail、手机等其他程序请点“在我的邮件程序里使用”。
gui-open-app = 打开 { $app }
gui-open-app-failed = { $app } 没有启动（{ $reason }）。请自己打开它：账户已经在里面了。
gui-field-address = 邮箱地址
gui-field-username = 用户名
gui-field-imap-host = 收件服务器（IMAP）
gui-field-imap-port = 收件端口
gui-field-imap-security = 收件加密方式
gui-field-smtp-host = 发件服务器（SMTP）
gui-field-smtp-port = 发件端口
gui-field-smtp-security = 发件加密方式
gui-copied-field = 已复制：剪贴板里现在是“{ $value }”。
gui-copied-secret = 已复制：剪贴板里现在是{ $credential }。在邮件程序要求输入密码的地方粘贴。
gui-secret-gone = 钥匙串里已经没有这个账户的{ $credential }。请重新测试这个账户以保存它。
gui-guide-oauth = 这个账户通过浏览器登录：在邮件程序里选择 OAuth2（“使用微软 / Google 账号登录”），不需要密码。
guide-thunderbird = 在 Thunderbird 里：Thunderbird 菜单 → 账户设置 → 账户操作 → 添加邮件账户。填写邮箱地址，密码处粘贴{ $credential }，然后点“手动配置”，从这里复制服务器。
guide-evolution = 在 Evolution 里：编辑 → 账户 → 添加 → 邮件账户。接收：IMAP；发送：SMTP。从这里复制服务器；Evolution 询问密码时粘贴{ $credential }。
guide-outlook = 在 Outlook 里：文件 → 添加帐户（新版 Outlook：设置 → 帐户 → 添加帐户）。填写邮箱地址，然后“高级选项”→“让我手动设置我的帐户”→ IMAP。从这里复制服务器，密码处粘贴{ $credential }。
guide-foxmail = 在 Foxmail 里：右上角菜单 → 账号管理 → 新建。填写邮箱地址，密码处粘贴{ $credential }；如果没有自动找到，选择“手动设置”→ IMAP，从这里复制服务器。
gui-windows-mail-retired = Windows 邮件已于 2024 年 12 月 31 日停止收发邮件：微软已把用户迁到 Windows 自带的新版 Outlook。请改在 Outlook 里设置这个账户。
guide-mail-master = 在网易邮箱大师里：添加邮箱 → 填写邮箱地址 → 密码处粘贴{ $credential }。其他邮箱选择手动设置（IMAP），从这里复制服务器。
guide-apple-mail = 在 Mac 的“邮件”里：邮件 → 添加帐户 → 其他邮件帐户。填写邮箱地址，密码处粘贴{ $credential }；询问服务器时从这里复制。
guide-iphone = 在 iPhone 或 iPad 上：设置 → 邮件 → 帐户 → 添加帐户 → 其他 → 添加邮件帐户 → IMAP。按这里显示的内容填写，密码是{ $credential }。
guide-android = 在安卓手机上（Gmail 应用）：设置 → 添加帐号 → 其他 → 填写邮箱地址 → 手动设置 → 个人（IMAP）。按这里显示的内容填写，密码是{ $credential }。
guide-program = 给其他程序用：“mailsetup secret 邮箱地址”只输出{ $credential }（msmtp：passwordeval；mbsync：PassCmd），“mailsetup secret 邮箱地址 --access-token”输出浏览器登录的新访问令牌。服务器见下方。
gui-mail-app-short = 邮件程序
gui-evolution-direct = 本程序把账户写入 Evolution，把授权码存入钥匙串，Evolution 会自动登录。请先退出 Evolution。
gui-add-to-evolution = 添加到 Evolution
cli-steps-oauth-header = 如何在浏览器里登录：
gui-phone-include-code = 把{ $credential }也放进去，手机就什么都不用输（拿到它的人能读你的邮件）
gui-phone-iphone-intro = 最省事：让 iPhone 安装一个带有这些设置的描述文件，自己完成设置。
gui-phone-iphone-show = 显示给 iPhone 扫的二维码
gui-phone-save-profile = 保存描述文件
gui-phone-iphone-scan = 打开 iPhone 的相机对准这个二维码（iPhone 要和这台电脑连同一个 Wi-Fi）。轻点出现的链接并允许下载，然后打开“设置”→“已下载描述文件”→“安装”。链接只能用一次，10 分钟内有效。
gui-phone-waiting = 正在等 iPhone 来取…
gui-phone-fetched = iPhone 已经拿到描述文件。请在 iPhone 上打开“设置”→“已下载描述文件”→“安装”。
gui-phone-fetched-no-code = iPhone 已经拿到描述文件。请在 iPhone 上打开“设置”→“已下载描述文件”→“安装”。要求输入密码时，请输入{ $credential }（不是邮箱的登录密码）。
phone-expired = 链接已过期。再显示一次二维码重试。
gui-phone-saved = 已保存为 { $path }。用邮件或隔空投送发给自己，在 iPhone 上打开，然后“设置”→“已下载描述文件”→“安装”。
gui-phone-android-intro = 用 Thunderbird for Android 什么都不用输：它能扫二维码导入这个账户。
gui-phone-android-intro-no-code = Thunderbird for Android 能扫二维码导入这个账户；二维码里没有{ $credential }，手机会要求输入一次{ $credential }。
gui-android-client-info = 网易只接受会报上自己名字的客户端：请在 Thunderbird for Android 这个账户的设置里，“收件服务器”下勾选“Send client information”（发送客户端信息），否则会提示“Unsafe Login”，文件夹是空的。
gui-phone-android-show = 显示二维码
gui-phone-android-scan = 在 Thunderbird for Android 里：添加账户 → 导入设置 → 扫描二维码，然后把手机对准这个二维码。
gui-phone-hide = 隐藏二维码
phone-no-network = 这台电脑没有连上手机能访问的网络。请让两者连同一个 Wi-Fi，或者保存描述文件发给自己。
phone-listen-failed = 无法提供链接（{ $reason }）。请改为保存描述文件发给自己。
phone-no-code = 这个账户没有保存{ $credential }。请重新测试这个账户，或者不放{ $credential }。
gui-ca-pick = 使用 IT 提供的证书文件…
gui-ca-title = 只为 { $host } 信任这个证书吗？
gui-ca-subject = 颁发给：{ $name }
gui-ca-issuer = 颁发者：{ $name }
gui-ca-fingerprint = SHA-256 指纹：{ $fingerprint }
gui-ca-compare = 请把指纹和公司 IT 给你的核对一下。它只用于这个账户的服务器，并随账户一起保存。
gui-ca-trust = 信任并重新测试
ca-not-a-certificate = { $path } 不是证书文件。请选择公司 IT 发给你的文件（.pem、.crt 或 .cer）。
ca-unreadable = 无法读取 { $path }：{ $reason }
gui-oauth-no-client = 这个版本的邮箱设置助手不能自己登录 { $provider }，但你的邮件程序可以：Thunderbird、Outlook、苹果邮件和 iPhone 邮件都能自己用微软账号登录。请在下一步选择你的邮件程序，它打开登录页面时在那里登录。
gui-oauth-via-mail-app = 在我的邮件程序里设置

## 往返测试：给自己发一封测试邮件
round-trip-choice = 给自己发一封测试邮件（之后会自动删除）
round-trip-subject = { app-name }测试邮件
round-trip-body = 这封邮件由{ app-name }发送，用来确认你的邮箱能正常收发。它会马上被自动删除；如果你仍看到它，可以直接删掉。
round-trip-arrived = 测试邮件 { $seconds } 秒后送达收件箱。
round-trip-junk = 测试邮件送达了，但在垃圾邮件文件夹“{ $folder }”里（{ $seconds } 秒后）。请在网页版邮箱里把自己的地址加入联系人或白名单，免得你的邮件被拦截。
round-trip-not-yet = 测试邮件已发出，但 { $seconds } 秒内还没收到。发信正常；收信可能较慢，请过几分钟看看收件箱。
round-trip-unknown = 测试邮件已发出，但这个服务器不允许{ app-name }查找它。请看看收件箱：它应该在那里，可以直接删掉。
round-trip-left = 测试邮件留在“{ $folder }”里：这个服务器无法只删除一封邮件而不影响其他邮件，请自己删掉它。
round-trip-waiting = 正在等待测试邮件… { $seconds } 秒

## mailsetup repair：保存的授权码失效了
cli-repair-start = 正在用保存的{ $credential }重新检测 { $address } …
cli-repair-works = 保存的{ $credential }仍然可以收信和发信。
cli-repair-refused = 保存的{ $credential }已经失效：两台服务器都拒绝了它。需要一个新的。
cli-repair-failed = 重新检测因为其他原因失败，无法判断{ $credential }是否还有效；没有做任何更改。请先按上面的说明处理，再运行 mailsetup repair { $address }。
cli-repair-no-secret = 系统密码库里没有 { $address } 的{ $credential }：需要一个新的。
cli-repair-ask = 请粘贴 { $address } 的新{ $credential }（不会显示出来），然后按回车：
cli-repair-testing-new = 正在检测新的{ $credential } …
cli-repair-new-failed = 新的{ $credential }也不能用；没有做任何更改。
cli-repair-saved = 新的{ $credential }已存入系统密码库。
cli-repair-none-handed = 本程序没有把 { $address } 交给过任何邮件程序：请在你的邮件程序要求输入密码的地方填入新的{ $credential }。
repair-oauth-apps = { $apps } 通过 { $provider } 的网页自行登录：那里不需要更新。
cli-repair-phone = { $app }：手机无法从这台电脑更新。请在手机上把账户密码改成新的{ $credential }，或者重新把账户交给手机：{ $command }
cli-repair-done = 交给过的每个邮件程序都已经有可用的{ $credential }。
cli-repair-left = 没有更新：{ $apps }。请按上面的说明处理（正在运行的程序请先退出），再运行 mailsetup repair { $address }；系统密码库里已经是可用的{ $credential }。
cli-repair-needs-code = 保存的{ $credential }被拒绝了，需要一个新的：请加上 --password-stdin 并通过管道传入，或者在终端里运行，程序会提示你输入。
