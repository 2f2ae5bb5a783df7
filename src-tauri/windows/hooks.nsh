; NSIS installer hooks (bundle.windows.nsis.installerHooks).
;
; Tauri's template registers each `bundle.fileAssociations` extension with
; APP_ASSOCIATE, which makes our ProgID the default of `.pdf` and `.json`
; for this user. Feuilles de route must only be offered in « Ouvrir avec »
; (role Viewer), never become the default PDF reader: after the template's
; association, the previous default is put back (APP_ASSOCIATE kept it in
; `<ProgID>_backup`) and the ProgID is listed in `OpenWithProgids` instead.
; The uninstaller removes that entry (APP_UNASSOCIATE removes the ProgID).

!macro FDR_OFFER_ONLY EXT PROGID
  ReadRegStr $R0 SHCTX "Software\Classes\.${EXT}" "${PROGID}_backup"
  ${If} $R0 == ""
    DeleteRegValue SHCTX "Software\Classes\.${EXT}" ""
  ${Else}
    WriteRegStr SHCTX "Software\Classes\.${EXT}" "" "$R0"
  ${EndIf}
  WriteRegStr SHCTX "Software\Classes\.${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open" "" "Ouvrir avec ${PRODUCTNAME}"
!macroend

!macro NSIS_HOOK_POSTINSTALL
  !insertmacro FDR_OFFER_ONLY "pdf" "FeuillesDeRoute.pdf"
  !insertmacro FDR_OFFER_ONLY "json" "FeuillesDeRoute.json"
  !insertmacro UPDATEFILEASSOC
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  DeleteRegValue SHCTX "Software\Classes\.pdf\OpenWithProgids" "FeuillesDeRoute.pdf"
  DeleteRegValue SHCTX "Software\Classes\.json\OpenWithProgids" "FeuillesDeRoute.json"
  !insertmacro UPDATEFILEASSOC
!macroend
