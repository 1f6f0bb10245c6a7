# vaksam_module(NAME DEPS ...): one static library per folder under src/, built from
# every .cc in that folder, so that the folder layout is the architecture.
function(vaksam_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(APPEND sources ${ARG_EXTRA_SOURCES})
  if(sources)
    add_library(vaksam_${name} STATIC ${sources})
    target_include_directories(vaksam_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(vaksam_${name} PUBLIC ${ARG_DEPS})
  else()  # a header-only or not yet written module
    add_library(vaksam_${name} INTERFACE)
    target_include_directories(vaksam_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(vaksam_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()
