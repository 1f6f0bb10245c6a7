# vaksam_embed(OUT_CC NAMESPACE FILES...): generates a .cc that defines one
# std::string_view per file, so the binary carries its reference data and
# runs without the source tree.
function(vaksam_embed out_cc)
  set(args)
  foreach(f ${ARGN})
    list(APPEND args ${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out_cc}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cc} "-DFILES=${args}" -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding reference data"
    VERBATIM)
endfunction()
