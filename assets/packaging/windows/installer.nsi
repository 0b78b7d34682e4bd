; The Windows installer: per user (no administrator prompt), Start-menu shortcut, an entry in
; "Apps" with an uninstaller that removes everything the installer wrote. Built on Linux by
; tests/windows with Debian's makensis:
;   makensis -DVERSION=… -DPRODUCT=… -DPUBLISHER=… -DEXE=… -DOUTFILE=… -DROOT=… installer.nsi
; (version, product name and publisher come from Cargo.toml).
; Saved accounts (%APPDATA%\mailsetup) and the Credential Manager entries are the user's data and
; are kept, as the README says.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
; "setup" in the name makes Windows treat it as an installer, which is what it is.
!pragma warning disable 9000
ManifestDPIAware true
RequestExecutionLevel user

!macro REQUIRE NAME
  !ifndef ${NAME}
    !error "pass -D${NAME}=… (see tests/windows)"
  !endif
!macroend
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE PRODUCT
!insertmacro REQUIRE PUBLISHER
!insertmacro REQUIRE EXE
!insertmacro REQUIRE OUTFILE
!insertmacro REQUIRE ROOT

; The key under HKCU that "Apps" (and "Programs and Features") reads.
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\mailsetup"
!define URL_KEY "Software\Classes\mailsetup"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
; %LOCALAPPDATA%\Programs is where per-user programs go (no admin rights needed there).
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Copyright (c) ${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"

!include "MUI2.nsh"

!define MUI_ICON "${ROOT}/assets/icons/mailsetup.ico"
!define MUI_UNICON "${ROOT}/assets/icons/mailsetup.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\mailsetup.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; NSIS picks the page language that matches Windows' own; the first one is the fallback.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "TradChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SHORTCUT ${LANG_SIMPCHINESE} "邮箱设置助手"
LangString SHORTCUT ${LANG_TRADCHINESE} "郵箱設定助手"
LangString SHORTCUT ${LANG_ENGLISH} "Mail Setup"
LangString DISPLAY_NAME ${LANG_SIMPCHINESE} "邮箱设置助手 (Mail Setup)"
LangString DISPLAY_NAME ${LANG_TRADCHINESE} "郵箱設定助手 (Mail Setup)"
LangString DISPLAY_NAME ${LANG_ENGLISH} "Mail Setup"
LangString DESCRIPTION ${LANG_SIMPCHINESE} "设置 QQ、163 或企业邮箱：获取授权码、实时检测、安全保存"
LangString DESCRIPTION ${LANG_TRADCHINESE} "設定 QQ、163 或企業郵箱：取得授權碼、即時檢測、安全儲存"
LangString DESCRIPTION ${LANG_ENGLISH} "Set up a QQ, 163 or company mailbox: authorization code, live test, safe storage"

Section "Install"
  SetOutPath "$INSTDIR"
  File "/oname=mailsetup.exe" "${EXE}"
  File "/oname=LICENSE.txt" "${ROOT}/LICENSE"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\$(SHORTCUT).lnk" "$INSTDIR\mailsetup.exe" "" \
    "$INSTDIR\mailsetup.exe" 0 SW_SHOWNORMAL "" "$(DESCRIPTION)"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "$(DISPLAY_NAME)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\mailsetup.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  ; The shortcut's name depends on the installer's language; the uninstaller reads it back.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "ShortcutName" "$(SHORTCUT)"
  ; Setup links support staff send (mailsetup://setup?provider=qq&address=…) open the app.
  WriteRegStr HKCU "${URL_KEY}" "" "URL:$(DISPLAY_NAME)"
  WriteRegStr HKCU "${URL_KEY}" "URL Protocol" ""
  WriteRegStr HKCU "${URL_KEY}\DefaultIcon" "" "$INSTDIR\mailsetup.exe,0"
  WriteRegStr HKCU "${URL_KEY}\shell\open\command" "" '"$INSTDIR\mailsetup.exe" "%1"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ; The size "Apps" shows, in KiB.
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "ShortcutName"
  StrCmp $0 "" +2
    Delete "$SMPROGRAMS\$0.lnk"
  Delete "$INSTDIR\mailsetup.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${URL_KEY}"
  ; Windows always has this key; a fresh profile (or Wine) may not, and then it was ours.
  DeleteRegKey /ifempty HKCU "Software\Classes"
  ; The parent key may have been made by this installer; leave it only if others use it.
  DeleteRegKey /ifempty HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall"
SectionEnd
