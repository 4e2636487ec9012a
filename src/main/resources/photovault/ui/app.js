// photovault web UI: keyboard navigation in the grid and on an item's page, and live progress of a restore.
// Pages work without it.
(function () {
  'use strict';
  function cells() { return Array.prototype.slice.call(document.querySelectorAll('#grid .thumb')); }
  function columns(list) {
    if (list.length < 2) { return 1; }
    var top = list[0].getBoundingClientRect().top, n = 0;
    while (n < list.length && Math.abs(list[n].getBoundingClientRect().top - top) < 2) { n++; }
    return Math.max(1, n);
  }
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) { return; }
    if (ev.key === 'Escape') {
      var back = document.getElementById('back');
      if (back) { window.location.href = back.href; }
      return;
    }
    var list = cells();
    if (!list.length) {
      // An item's page: the arrows step through the grid it was opened from.
      var step = { ArrowLeft: 'prev', ArrowRight: 'next' }[ev.key];
      var link = step && document.getElementById(step);
      if (link) { window.location.href = link.href; }
      return;
    }
    var i = list.indexOf(document.activeElement);
    var step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns(list), ArrowUp: -columns(list) }[ev.key];
    if (step !== undefined) {
      ev.preventDefault();
      var next = i < 0 ? 0 : Math.max(0, Math.min(list.length - 1, i + step));
      list[next].focus();
      list[next].scrollIntoView({ block: 'nearest' });
    } else if ((ev.key === ' ' || ev.key === 'x') && i >= 0) {
      ev.preventDefault();
      var box = list[i].parentNode.querySelector('input[type=checkbox]');
      if (box) { box.checked = !box.checked; }
    } else if (ev.key === 'Home') {
      list[0].focus();
    } else if (ev.key === 'End') {
      list[list.length - 1].focus();
    }
  });
  var state = document.getElementById('job-state');
  if (state && (state.textContent === 'queued' || state.textContent === 'running')) {
    var poll = function () {
      fetch('/api/jobs/' + state.getAttribute('data-job'), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (j.state !== 'queued' && j.state !== 'running') { window.location.reload(); return; }
          var bar = document.getElementById('job-progress');
          if (bar) { // a restore into a folder; one into Google Photos only says when it is done
            bar.max = Math.max(1, j.bytesTotal); bar.value = j.bytesDone;
            document.getElementById('job-counts').textContent =
              j.filesDone + ' of ' + j.filesTotal + ' files';
          }
          setTimeout(poll, 500);
        })
        .catch(function () { setTimeout(poll, 2000); });
    };
    setTimeout(poll, 300);
  }
})();
